package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.Tree;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;

/**
 * Azure CLI token caches in {@code ~/.azure}:
 * <ul>
 *   <li>{@code msal_token_cache.json} (plain-text on Linux): every {@code RefreshToken} and
 *       {@code AccessToken} entry's {@code secret}; identity its {@code client_id}, its
 *       {@code realm} (tenant: account) and the {@code username} of the {@code Account} entry with
 *       the same {@code home_account_id} (user);</li>
 *   <li>{@code service_principal_entries.json}: each entry's {@code client_secret}; identity
 *       {@code client_id} and {@code tenant} (account);</li>
 *   <li>the older {@code accessTokens.json}: {@code refreshToken} and {@code accessToken} (for a
 *       service principal, {@code accessToken} is its secret); identity {@code userId} (user),
 *       {@code _clientId}/{@code servicePrincipalId} (client id), {@code servicePrincipalTenant}
 *       (account).</li>
 * </ul>
 * {@code azureProfile.json} names subscriptions and tenants but holds no secret: nothing is reported.
 */
public final class AzureCliAnalyzer extends TreeFile {

    @Override
    public String id() {
        return "azure-cli";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.equals("msal_token_cache.json") || fileName.equals("accesstokens.json")
                || fileName.equals("service_principal_entries.json") ? Fit.NAME : Fit.NO;
    }

    @Override
    boolean claims(String content) {
        return content.contains("secret") || content.contains("Token");
    }

    @Override
    boolean document(Tree.Mapping root, AnalyzerOutput out) {
        boolean any = false;
        Tree.Mapping accounts = root.mapping("Account");
        for (String section : new String[] {"RefreshToken", "AccessToken"}) {
            if (!(root.get(section) instanceof Tree.Mapping entries)) {
                continue;
            }
            any = true;
            for (Tree.Entry e : entries.entries()) {
                if (!(e.value() instanceof Tree.Mapping t)) {
                    continue;
                }
                Ids ids = new Ids(out).add(Identity.CLIENT_ID, text(t, "client_id"), at(t, "client_id"))
                        .add(Identity.ACCOUNT, text(t, "realm"), at(t, "realm"));
                String home = text(t, "home_account_id");
                if (accounts != null && home != null) {
                    for (Tree.Entry a : accounts.entries()) {
                        if (a.value() instanceof Tree.Mapping am && home.equals(text(am, "home_account_id"))) {
                            ids.add(Identity.USER, text(am, "username"), at(am, "username"));
                            break;
                        }
                    }
                }
                ids.bind(t.span());
                literal(out, AnalyzerRule.AZURE_CLI, Category.TOKEN, t, "secret", section + "." + e.key() + ".secret");
            }
        }
        return any;
    }

    @Override
    boolean sequence(Tree.Sequence list, AnalyzerOutput out) {
        boolean any = false;
        for (int i = 0; i < list.items().size(); i++) {
            if (!(list.items().get(i) instanceof Tree.Mapping t)) {
                continue;
            }
            String path = "[" + i + "].";
            if (t.get("client_secret") != null) {
                new Ids(out).add(Identity.CLIENT_ID, text(t, "client_id"), at(t, "client_id"))
                        .add(Identity.ACCOUNT, text(t, "tenant"), at(t, "tenant")).bind(t.span());
                literal(out, AnalyzerRule.AZURE_CLI, Category.GENERIC_SECRET, t, "client_secret", path + "client_secret");
                any = true;
            } else if (t.get("accessToken") != null || t.get("refreshToken") != null) {
                String sp = text(t, "servicePrincipalId");
                new Ids(out).add(Identity.USER, text(t, "userId"), at(t, "userId"))
                        .add(Identity.CLIENT_ID, sp != null ? sp : text(t, "_clientId"),
                                sp != null ? at(t, "servicePrincipalId") : at(t, "_clientId"))
                        .add(Identity.ACCOUNT, text(t, "servicePrincipalTenant"), at(t, "servicePrincipalTenant"))
                        .bind(t.span());
                literal(out, AnalyzerRule.AZURE_CLI, sp != null ? Category.GENERIC_SECRET : Category.TOKEN, t, "accessToken",
                        path + "accessToken");
                literal(out, AnalyzerRule.AZURE_CLI, Category.TOKEN, t, "refreshToken", path + "refreshToken");
                any = true;
            }
        }
        return any;
    }
}
