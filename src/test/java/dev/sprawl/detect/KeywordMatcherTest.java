package dev.sprawl.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class KeywordMatcherTest {

    private static List<String> hits(KeywordMatcher m, List<String> words, String text) {
        List<String> out = new ArrayList<>();
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        m.scan(b, b.length, (k, end) -> out.add(words.get(k) + "@" + (end - m.keywordLength(k))));
        out.sort(null);
        return out;
    }

    private static List<String> naive(List<String> words, String text) {
        List<String> out = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        for (String w : words) {
            for (int i = lower.indexOf(w); i >= 0; i = lower.indexOf(w, i + 1)) {
                out.add(w + "@" + i);
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    void findsOverlappingAndNestedKeywordsCaseInsensitively() {
        List<String> words = List.of("her", "she", "his", "hers", "ghp_");
        KeywordMatcher m = new KeywordMatcher(words);
        String text = "uSHErs GHP_x ghp_ HIS";
        assertThat(hits(m, words, text)).isEqualTo(naive(words, text));
        assertThat(hits(m, words, text)).contains("she@1", "her@2", "hers@2", "ghp_@7", "ghp_@13", "his@18");
    }

    @Test
    void emptyInputAndNoKeywordBytes() {
        List<String> words = List.of("token");
        KeywordMatcher m = new KeywordMatcher(words);
        assertThat(hits(m, words, "")).isEmpty();
        assertThat(hits(m, words, "1234567890 !@#$%^")).isEmpty();
    }

    @Test
    void handlesHighBytes() {
        List<String> words = List.of("clé", "key");
        KeywordMatcher m = new KeywordMatcher(words);
        assertThat(hits(m, words, "la clé=1 KEY")).containsExactly("clé@3", "key@10");
    }

    @RepeatedTest(30)
    void agreesWithNaiveSearchOnRandomText() {
        Random r = new Random();
        String alphabet = "abcAB_-";
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            StringBuilder w = new StringBuilder();
            int len = 3 + r.nextInt(3);
            for (int j = 0; j < len; j++) {
                w.append(Character.toLowerCase(alphabet.charAt(r.nextInt(alphabet.length()))));
            }
            if (!words.contains(w.toString())) {
                words.add(w.toString());
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            text.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        KeywordMatcher m = new KeywordMatcher(words);
        assertThat(hits(m, words, text.toString())).isEqualTo(naive(words, text.toString()));
    }

    /** A range of start positions, on text long enough for the eight-position steps and their tails. */
    @RepeatedTest(30)
    void rangedScanAgreesWithNaiveSearch() {
        Random r = new Random();
        String alphabet = "kKeyY_tok3";
        List<String> words = List.of("key", "tok", "y_t", "keyy", "ok3k", "token", "kkey_");
        StringBuilder text = new StringBuilder();
        int n = 5 + r.nextInt(300);
        for (int i = 0; i < n; i++) {
            text.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        String t = text.toString();
        int from = r.nextInt(n + 2) - 1;
        int to = from + r.nextInt(n + 2);
        KeywordMatcher m = new KeywordMatcher(words);
        List<String> got = new ArrayList<>();
        byte[] b = t.getBytes(StandardCharsets.US_ASCII);
        m.scan(b, b.length, from, to, (k, end) -> got.add(words.get(k) + "@" + (end - m.keywordLength(k))));
        got.sort(null);
        List<String> want = new ArrayList<>();
        for (String hit : naive(words, t)) {
            int at = Integer.parseInt(hit.substring(hit.indexOf('@') + 1));
            if (at >= from && at < to) {
                want.add(hit);
            }
        }
        assertThat(got).as(t + " [" + from + ", " + to + ")").isEqualTo(want);
    }

    @Test
    void straddleBackIsHowFarAKeywordThroughAPositionCanStart() {
        KeywordMatcher m = new KeywordMatcher(List.of("password", "token", "ssw"));
        byte[] t = "my PassWord and tokens".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        // between "Pass" and "Word": "password" starts 4 bytes before, "ssw" 2 — the most wins
        assertThat(m.straddleBack(t, t.length, 7)).isEqualTo(4);
        // between "tok" and "ens": "token" starts 3 before
        assertThat(m.straddleBack(t, t.length, 19)).isEqualTo(3);
        // between "my" and " ": no keyword holds "y "
        assertThat(m.straddleBack(t, t.length, 2)).isZero();
        assertThat(m.straddleBack(t, t.length, 0)).isZero();
        assertThat(m.straddleBack(t, t.length, t.length)).isZero();
    }
}
