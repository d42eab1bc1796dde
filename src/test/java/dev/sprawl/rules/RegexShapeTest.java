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
        assertThat(RegexShape.parse("(?:\\b).maxWidth()*a")).isEqualTo(1);
    }

    @Test
    void rejectsMalformed() {
        assertThatThrownBy(() -> RegexShape.parse("(ab").maxWidth()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegexShape.parse("[ab").maxWidth()).isInstanceOf(IllegalArgumentException.class);
    }
}
