package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;
import java.util.Map;

/**
 * MySQL and MariaDB option files ({@code .my.cnf}, {@code my.cnf}, {@code my.ini}, any {@code *.cnf}
 * with a client section): {@code password} in {@code [client]}, {@code [mysql]}, {@code [mysqldump]}...;
 * identity {@code user} and {@code host} of the same section.
 */
public final class MyCnfAnalyzer extends IniFile {

    public MyCnfAnalyzer() {
        super("mysql-option-file", AnalyzerRule.MYSQL_OPTION_FILE, false, false,
                Map.of("password", Category.PASSWORD, "pass", Category.PASSWORD),
                Map.of("user", Identity.USER, "host", Identity.HOST), false);
    }

    @Override
    public Fit fit(String path, String fileName) {
        if (fileName.equals(".my.cnf") || fileName.equals("my.cnf") || fileName.equals("my.ini")
                ) {
            return Fit.NAME;
        }
        return fileName.endsWith(".cnf") ? Fit.CONTENT : Fit.NO;
    }

    @Override
    boolean claims(String content) {
        return content.contains("[") && content.contains("password");
    }
}
