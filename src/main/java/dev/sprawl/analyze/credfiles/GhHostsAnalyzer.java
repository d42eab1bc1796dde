package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.Tree;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;

/**
 * The GitHub CLI's {@code hosts.yml} ({@code ~/.config/gh/hosts.yml}) and hub's {@code ~/.config/hub}:
 * one key per host with {@code oauth_token} and {@code user} (gh), a {@code users} map of per-user
 * {@code oauth_token}s (gh 2.40+), or a list of {@code {user, oauth_token}} (hub). Identity: the host
 * and the user.
 */
public final class GhHostsAnalyzer extends TreeFile {

    @Override
    public String id() {
        return "gh-hosts";
    }

    @Override
    public Fit fit(String path, String fileName) {
        if (!fileName.equals("hosts.yml") && !fileName.equals("hosts.yaml") && !fileName.equals("hub")) {
            return Fit.NO;
        }
        if (endsWith(path, "gh/hosts.yml") || endsWith(path, ".config/hub")) {
            return Fit.NAME;
        }
        return fileName.equals("hub") ? Fit.NO : Fit.CONTENT;
    }

    @Override
    boolean claims(String content) {
        return content.contains("oauth_token");
    }

    @Override
    boolean document(Tree.Mapping root, AnalyzerOutput out) {
        boolean any = false;
        for (Tree.Entry host : root.entries()) {
            if (host.key() == null) {
                continue;
            }
            if (host.value() instanceof Tree.Mapping h) {
                any |= entry(host.key(), host.keySpan().start(), h, text(h, "user"), out);
                if (h.get("users") instanceof Tree.Mapping users) {
                    for (Tree.Entry u : users.entries()) {
                        if (u.value() instanceof Tree.Mapping um) {
                            any |= entry(host.key(), host.keySpan().start(), um, u.key(), out);
                        }
                    }
                }
            } else if (host.value() instanceof Tree.Sequence list) {
                for (Tree item : list.items()) {
                    if (item instanceof Tree.Mapping h) {
                        any |= entry(host.key(), host.keySpan().start(), h, text(h, "user"), out);
                    }
                }
            }
        }
        return any;
    }

    private static boolean entry(String host, int hostAt, Tree.Mapping m, String user, AnalyzerOutput out) {
        if (!(m.get("oauth_token") instanceof Tree.Scalar token)) {
            return false;
        }
        new Ids(out).add(Identity.HOST, host, hostAt).add(Identity.USER, user, m.get("user") != null ? at(m, "user")
                : m.span().start()).bind(m.span());
        out.literal(AnalyzerRule.GH_HOSTS, Category.TOKEN, host + ".oauth_token", token);
        return true;
    }
}
