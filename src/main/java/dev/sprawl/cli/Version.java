package dev.sprawl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** sprawl's version, from the properties file Maven fills in at build time. */
final class Version implements CommandLine.IVersionProvider {

    static String get() {
        try (InputStream in = Version.class.getResourceAsStream("/dev/sprawl/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"sprawl " + get()};
    }
}
