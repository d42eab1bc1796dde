package dev.sprawl.rules;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sprawl.FuzzContract;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz targets over user rules: the rule file parser ({@link RuleParser}) never throws and reports
 * problems instead, at most a few per line; the regex shape analysis ({@link RegexShape}) throws only
 * IllegalArgumentException (syntax it does not understand), its width is never negative and its keyword
 * lead is -1 (no bound) or more.
 */
class RulesFuzzTest {

    @BeforeAll
    static void seeds() {
        FuzzContract.seeds(RulesFuzzTest.class, "ruleFile", FuzzContract.seedsOf(
                "rule", "rules:\n  - id: acme-token\n    name: Acme token\n    provider: acme\n    category: token\n"
                        + "    keywords: [acme_]\n    pattern: '\\b(?<secret>acme_[a-z0-9]{32})\\b'\n"
                        + "    minEntropy: 3.0\n    examples: ['t = acme_@@']\n    negativeExamples: ['acme_x']\n",
                "bad", "rules:\n  - id: Bad Id\n    pattern: '(?<secret>(a+)+$'\n    keywords: []\n  - 12\n  - id: x\n"
                        + "    category: nope\n    minEntropy: many\n",
                "anchors", "rules: &r\n  - id: a\n    pattern: !!binary YQ==\n  - *r\n"));
        FuzzContract.seeds(RulesFuzzTest.class, "regexShape", FuzzContract.seedsOf(
                "token", "\\b(?<secret>ghp_[A-Za-z0-9]{36})\\b",
                "alternation", "(?i)(?:key|secret)[_ -]?(?:id)?\\s*[:=]\\s*[\"']?(?<secret>[A-Z2-7]{16,64})",
                "quote", "\\Qa.b\\E(x|y){2,5}?[^\\]\\-]*+\\p{Alnum}{0,3}\\x41\\u00e9(?=z)(?<n>q)\\k<n>",
                "nested", "((((a{1,1000}){1,1000}){1,1000}){1,1000})"));
    }

    @FuzzTest
    void ruleFile(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        RuleParser.Result r = FuzzContract.call(() -> RuleParser.parse(new RuleSource("user.yml", text)));
        FuzzContract.bounded("problems", r.problems().size(), 8L * (text.split("\n", -1).length + 1));
        for (RuleProblem p : r.problems()) {
            FuzzContract.bounded("problem chars", String.valueOf(p.message()).length(), FuzzContract.MAX_MESSAGE_CHARS);
        }
    }

    /** Input: a pattern, then after a NUL the keywords (comma-separated). */
    @FuzzTest
    void regexShape(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        int cut = text.indexOf('\0');
        String pattern = cut < 0 ? text : text.substring(0, cut);
        List<String> keywords = cut < 0 ? List.of("ghp_", "key") : List.of(text.substring(cut + 1).split(","));
        RegexShape shape = FuzzContract.call(() -> RegexShape.parse(pattern), IllegalArgumentException.class);
        if (shape != null) {
            long width = FuzzContract.call(shape::maxWidth);
            long lead = FuzzContract.call(() -> shape.keywordLead(keywords));
            FuzzContract.bounded("negative width", -width, 0);
            FuzzContract.bounded("lead below -1 (no bound)", -lead, 1);
        }
    }
}
