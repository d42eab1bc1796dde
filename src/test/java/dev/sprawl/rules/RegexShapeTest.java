package dev.sprawl.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegexShapeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " => ", value = {
            "abc => 3",
            "a{5} => 5",
            "a{2,7} => 7",
            "[a-z]{36} => 36",
            "ghp_[A-Za-z0-9]{36} => 40",
            "\\bx\\b => 1",
            "(?<secret>ab|abcd) => 4",
            "(?:ab){3}c? => 7",
            "(?i)key\\s{0,3}= => 7",
            "(?=abc)d => 1",
            "(?<!a)b => 1",
            "[\\]a]b => 2",
            "[a-c[x-z]] => 1",
            "\\Qa.b\\E => 3",
            "\\p{Alnum}{4} => 4",
            "\\x41\\u0042 => 2",
            "(?i:ab)c => 3",
            "^a$ => 1",
            "a{3}+ => 3",
            "a{1,4}? => 4"})
    void bounded(String pattern, long width) {
        assertThat(RegexShape.parse(pattern).maxWidth()).isEqualTo(width);
    }

    @ParameterizedTest(name = "{0} is unbounded")
    @CsvSource(delimiterString = " => ", value = {"a*", "a+", "a{2,}", "(ab)+c", "(a)\\1", "(?<x>a)\\k<x>", "x(?:y|z*)"})
    void unbounded(String pattern) {
        assertThat(RegexShape.parse(pattern).maxWidth()).isEqualTo(RegexShape.UNBOUNDED);
    }

    @Test
    void zeroWidthQuantifiedStaysZero() {
        assertThat(RegexShape.parse("(?:\\b)*a").maxWidth()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} with {1} -> lead {2}")
    @CsvSource(delimiterString = " => ", value = {
            "\\b(?<secret>ghp_[A-Za-z0-9]{36})\\b => ghp_ => 0",
            "(?i)(?:password|pwd)\\s{0,3}=(?<secret>\\S{1,9}) => password,pwd => 0",
            "(?<![a-z])[a-z_]{0,40}?(?:token|secret)= => token,secret => 40",
            "(?i:https?)://[^@]{1,9}@ => :// => 5",
            "x-(?:abc|zzabc)-y => abc => 4",
            "[0-9]{32}-us[0-9]{1,2} => -us => 32",
            "(?:ghp_)?[a-z]{3} => ghp_ => -1",
            "(?:abc|[a-z]{4}) => abc => -1",
            "\\Qsk-ant-\\E[a-z]{4} => sk-ant- => 0",
            // small classes, optional parts, short repeats and alternations are spelled out
            "(?i:facebook|fb[_.-])[a-z]{0,3}=EAA => facebook,fb_,fb.,fb- => 0",
            "(?i:facebook|fb[_.-])[a-z]{0,3}=EAA => facebook,fb_,fb. => -1",
            "(?<![A-Z])A{21}[A-Z]{9} => aaaaaaaaaaaaaaaaaaaaa => 0",
            "(?:\\[(?:pypi|testpypi)\\]|__token__)x => [pypi],[testpypi],__token__ => 0",
            "(?i:solana|secret[_ -]?key)\\s => solana,secretkey,secret_key,secret-key,secret key => 0",
            "[a-c]x => ax,bx,cx => 0",
            "[a-z]x => ax => -1",
            "[^a]x => ax => -1",
            "[\\s_]x => _x => -1",
            "x[_.-]{1,2}ab => ab => 3"})
    void keywordLead(String pattern, String keywords, long lead) {
        assertThat(RegexShape.parse(pattern).keywordLead(java.util.List.of(keywords.split(",")))).isEqualTo(lead);
    }

    @Test
    void rejectsMalformed() {
        assertThatThrownBy(() -> RegexShape.parse("(ab").maxWidth()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegexShape.parse("[ab").maxWidth()).isInstanceOf(IllegalArgumentException.class);
    }
}
