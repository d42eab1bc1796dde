package dev.sprawl.analyze;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses JSON into a {@link Tree} with Jackson's streaming parser, so every object member is kept
 * (duplicate names included) with its span. Jackson's {@link StreamReadConstraints} bound nesting
 * depth, string and number lengths and document length; the caller caps the bytes before parsing.
 */
public final class JsonTrees {

    /** Deepest nesting accepted. */
    static final int MAX_DEPTH = 200;
    /** Longest string value accepted, in characters. */
    static final int MAX_STRING = 8 * 1024 * 1024;

    /** The tree, or null with the error. */
    public record Result(Tree tree, String error) {
    }

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING)
                    .maxNumberLength(1000)
                    .build())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private JsonTrees() {
    }

    public static Result parse(Text text) {
        String s = text.content();
        int shift = s.startsWith("\uFEFF") ? 1 : 0;
        try (JsonParser p = FACTORY.createParser(shift == 0 ? s : s.substring(1))) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new Result(null, "empty JSON document");
            }
            Tree tree = read(p, t, shift);
            if (p.nextToken() != null) {
                return new Result(tree, "trailing content after the JSON document");
            }
            return new Result(tree, null);
        } catch (IOException | RuntimeException e) {
            int line = -1;
            if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jp && jp.getLocation() != null) {
                line = jp.getLocation().getLineNr();
            }
            // the message can quote input: keep only the kind of problem and the line
            return new Result(null, "invalid JSON" + (line > 0 ? " at line " + line : "")
                    + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Tree read(JsonParser p, JsonToken t, int shift) throws IOException {
        int start = (int) p.currentTokenLocation().getCharOffset() + shift;
        switch (t) {
            case START_OBJECT -> {
                List<Tree.Entry> entries = new ArrayList<>();
                JsonToken n;
                while ((n = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int ks = (int) p.currentTokenLocation().getCharOffset() + shift;
                    int ke = (int) p.currentLocation().getCharOffset() + shift;
                    Tree value = read(p, p.nextToken(), shift);
                    entries.add(new Tree.Entry(key, new Span(ks, Math.max(ks, ke)), value));
                }
                return new Tree.Mapping(entries, span(p, start, shift), null);
            }
            case START_ARRAY -> {
                List<Tree> items = new ArrayList<>();
                JsonToken n;
                while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(read(p, n, shift));
                }
                return new Tree.Sequence(items, span(p, start, shift), null);
            }
            case VALUE_STRING -> {
                return new Tree.Scalar(p.getText(), Tree.Kind.STRING, true, span(p, start, shift), null);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new Tree.Scalar(p.getText(), Tree.Kind.NUMBER, false, span(p, start, shift), null);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Tree.Scalar(p.getText(), Tree.Kind.BOOLEAN, false, span(p, start, shift), null);
            }
            case VALUE_NULL -> {
                return new Tree.Scalar("null", Tree.Kind.NULL, false, span(p, start, shift), null);
            }
            default -> throw new IOException("unexpected token " + t);
        }
    }

    private static Span span(JsonParser p, int start, int shift) {
        int end = (int) p.currentLocation().getCharOffset() + shift;
        return new Span(start, Math.max(start, end));
    }
}
