package dev.sprawl.detect;

import java.util.List;

/** What detection found in one blob: matches sorted by offset, and any problems. */
public record Detection(List<Match> matches, List<DetectProblem> problems) {

    public Detection {
        matches = List.copyOf(matches);
        problems = List.copyOf(problems);
    }
}
