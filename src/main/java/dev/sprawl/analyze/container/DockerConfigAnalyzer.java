package dev.sprawl.analyze.container;

import dev.sprawl.analyze.Analyzer;
import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.Span;
import dev.sprawl.analyze.Tree;
import dev.sprawl.analyze.TreeWalk;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Docker client credentials: {@code ~/.docker/config.json} (any {@code config.json} with
 * {@code auths}) and the legacy {@code .dockercfg}. Each registry's {@code auth} is base64 of
 * {@code user:password}: the password is reported (decoded); {@code password},
 * {@code identitytoken} and {@code registrytoken} literals too. Context: {@code config}. Also used
 * for the {@code .dockerconfigjson} of Kubernetes pull secrets. Identity: the registry host and the
 * user (decoded from {@code auth}, or {@code username}). A {@code credsStore}/{@code credHelpers}
 * entry names a helper that holds the secret elsewhere: nothing to report.
 */
public final class DockerConfigAnalyzer implements Analyzer {

    @Override
    public String id() {
        return "docker-config";
    }

    @Override
    public Fit fit(String path, String fileName) {
        if (fileName.equals(".dockercfg") || path.endsWith(".docker/config.json")) {
            return Fit.NAME;
        }
        return fileName.equals("config.json") ? Fit.CONTENT : Fit.NO;
    }

    @Override
    public void analyze(AnalyzerInput in, AnalyzerOutput out) {
        if (!in.text().content().contains("auth")) {
            return;
        }
        Tree root = in.json();
        if (root instanceof Tree.Mapping m && (m.get("auths") instanceof Tree.Mapping || in.fileName().equals(".dockercfg"))) {
            out.context("config");
            auths(m, null, out);
        }
    }

    /**
     * Reports the credentials of a Docker config document. With {@code at} null, values are located
     * in the file; otherwise every value is reported at {@code at} (the document was decoded from there).
     */
    public static void auths(Tree.Mapping root, Span at, AnalyzerOutput out) {
        Tree.Mapping auths = root.get("auths") instanceof Tree.Mapping a ? a : root;
        for (Tree.Entry registry : auths.entries()) {
            if (!(registry.value() instanceof Tree.Mapping r)) {
                continue;
            }
            String path = TreeWalk.child("auths", registry.key());
            List<Identity> ids = new ArrayList<>();
            int keyAt = registry.keySpan().start();
            ids.add(out.identity(Identity.HOST, host(registry.key()), keyAt));
            if (r.get("username") instanceof Tree.Scalar u) {
                ids.add(out.identity(Identity.USER, u.value(), u.span().start()));
            }
            if (r.get("auth") instanceof Tree.Scalar auth) {
                String userPass = decode(auth.value());
                int colon = userPass == null ? -1 : userPass.indexOf(':');
                if (colon > 0) {
                    ids.add(out.identity(Identity.USER, userPass.substring(0, colon), auth.span().start()));
                    report(Category.PASSWORD, TreeWalk.child(path, "auth"), userPass.substring(colon + 1),
                            at != null ? at : auth.span(), true, out);
                }
            }
            for (String key : new String[] {"password", "identitytoken", "registrytoken"}) {
                if (r.get(key) instanceof Tree.Scalar s) {
                    report(key.equals("password") ? Category.PASSWORD : Category.TOKEN, TreeWalk.child(path, key),
                            s.value(), at != null ? at : s.span(), at != null, out);
                }
            }
            out.identify(at != null ? at : r.span(), ids);
        }
    }

    private static void report(Category c, String key, String value, Span span, boolean decoded, AnalyzerOutput out) {
        if (decoded) {
            out.decoded(AnalyzerRule.DOCKER_REGISTRY_AUTH, c, key, value.getBytes(StandardCharsets.UTF_8), span, "base64");
        } else {
            out.literal(AnalyzerRule.DOCKER_REGISTRY_AUTH, c, key, value, span);
        }
    }

    /** The registry key without scheme and path ({@code https://index.docker.io/v1/} → {@code index.docker.io}). */
    private static String host(String key) {
        String k = key == null ? "" : key.replaceFirst("^[A-Za-z][A-Za-z0-9+.-]*://", "");
        int slash = k.indexOf('/');
        return slash < 0 ? k : k.substring(0, slash);
    }

    private static String decode(String b64) {
        try {
            return new String(Base64.getDecoder().decode(b64.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
