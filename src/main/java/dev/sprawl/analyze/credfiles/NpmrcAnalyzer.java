package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.Span;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * npm's {@code .npmrc}: {@code _authToken} (token), {@code _auth} (base64 of {@code user:password}:
 * the password is reported decoded, the user is an identity) and {@code _password} (base64 of the
 * password, reported decoded), either scoped to a registry ({@code //host/path/:_authToken=…}) or
 * global. Identity: the registry host (the key's {@code //host/} prefix, else {@code registry=}, else
 * registry.npmjs.org) and the {@code username} with the same prefix.
 */
public final class NpmrcAnalyzer extends CredentialFile {

    private static final String DEFAULT_REGISTRY = "registry.npmjs.org";

    @Override
    public String id() {
        return "npmrc";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.equals(".npmrc") || fileName.equals("npmrc") ? Fit.NAME : Fit.NO;
    }

    @Override
    public void analyze(AnalyzerInput in, AnalyzerOutput out) {
        String s = in.text().content();
        if (!s.contains("_auth") && !s.contains("_password")) {
            return;
        }
        out.context(CONTEXT);
        List<Ini.Section> sections = Ini.parse(in.text(), false, false);
        if (sections.isEmpty()) {
            return;
        }
        Ini.Section all = sections.get(0);
        String registry = all.value("registry");
        for (Ini.Entry e : all.entries()) {
            String key = e.key();
            int colon = key.lastIndexOf(':');
            String prefix = colon > 0 && key.startsWith("//") ? key.substring(0, colon + 1) : "";
            String field = key.substring(prefix.length());
            if (!field.equals("_authToken") && !field.equals("_auth") && !field.equals("_password")) {
                continue;
            }
            Ids ids = new Ids(out);
            ids.host(prefix.isEmpty() ? registry == null ? DEFAULT_REGISTRY : registry : prefix, e.keyOffset());
            Ini.Entry user = all.get(prefix + "username");
            if (user != null) {
                ids.add(Identity.USER, user.value(), user.keyOffset());
            }
            Span line = new Span(e.keyOffset(), e.valueSpan().end());
            switch (field) {
                case "_authToken" -> out.literal(AnalyzerRule.NPMRC, Category.TOKEN, key, e.value(), e.valueSpan());
                case "_auth" -> {
                    String plain = decode(e.value());
                    int c = plain == null ? -1 : plain.indexOf(':');
                    if (c > 0) {
                        ids.add(Identity.USER, plain.substring(0, c), e.keyOffset());
                        out.decoded(AnalyzerRule.NPMRC, Category.PASSWORD, key,
                                plain.substring(c + 1).getBytes(StandardCharsets.UTF_8), e.valueSpan(), "base64");
                    }
                }
                default -> {
                    String plain = decode(e.value());
                    if (plain != null) {
                        out.decoded(AnalyzerRule.NPMRC, Category.PASSWORD, key, plain.getBytes(StandardCharsets.UTF_8),
                                e.valueSpan(), "base64");
                    }
                }
            }
            ids.bind(line);
        }
    }

    static String decode(String b64) {
        try {
            byte[] b = Base64.getDecoder().decode(b64.strip());
            return b.length == 0 ? null : new String(b, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
