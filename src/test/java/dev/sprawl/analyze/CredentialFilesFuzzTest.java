package dev.sprawl.analyze;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sprawl.FuzzContract;
import dev.sprawl.source.Blob;
import dev.sprawl.source.Provenance;
import dev.sprawl.source.ScanWarning;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz target over the credential-file analyzers ({@code dev.sprawl.analyze.credfiles}): the first
 * input byte picks a file name (every analyzer has one that it claims), the rest is the file. Each
 * analyzer that fits returns without throwing; what it reports lies inside the text and stays
 * bounded; its warnings and the parse error never repeat the canary (planted as a password); the
 * whole structured scan of the file, merge included, yields no {@code analyzer-error}.
 */
class CredentialFilesFuzzTest {

    /** One path per format; {@link #seeds} checks every credential-file analyzer claims one of them. */
    static final String[] PATHS = {
        "home/.aws/credentials", "home/.aws/config", "home/.azure/msal_token_cache.json",
        "home/.azure/accessTokens.json", "home/.azure/service_principal_entries.json", "home/.boto",
        "home/.cargo/credentials.toml", "home/.composer/auth.json", "home/.databrickscfg",
        "home/.local/share/DBeaverData/workspace6/General/.dbeaver/data-sources.json",
        "home/.dbeaver/data-sources.xml", "home/.esmtprc", "home/.fetchmailrc",
        "home/.config/filezilla/recentservers.xml", "home/.config/filezilla/sitemanager.xml",
        "home/.mozilla/firefox/p/logins.json", "home/.config/gcloud/application_default_credentials.json",
        "home/.gem/credentials", "home/.config/gh/hosts.yml", "home/.config/hub", "home/.git-credentials",
        "home/.gradle/gradle.properties", "home/.config/helm/repositories.yaml", "home/.hgrc", "etc/.htpasswd",
        "etc/.htdigest", "home/.kaggle/kaggle.json", "home/.m2/settings.xml", "home/.m2/settings-security.xml",
        "home/.msmtprc", "home/.my.cnf", "home/.netrc", "home/.npmrc", "app/NuGet.Config", "home/.pgpass",
        "keys/deploy.ppk", "home/.pypirc", "app/config/master.key", "app/config/credentials/production.key",
        "home/.config/rclone/rclone.conf", "home/.s3cfg", "home/.sbt/.credentials", "etc/.smbcredentials",
        "home/.terraform.d/credentials.tfrc.json", "home/.terraformrc", "www/wp-config.php", "app/.yarnrc.yml",
    };

    private static final long MAX_PARSE = 1024 * 1024;
    private static List<Analyzer> analyzers;

    @BeforeAll
    static void seeds() {
        analyzers = StructuredScan.registered().stream()
                .filter(a -> a.getClass().getPackageName().endsWith(".credfiles")).toList();
        for (Analyzer a : analyzers) {
            boolean claimed = false;
            for (String p : PATHS) {
                claimed |= a.fit(p, name(p)) != Analyzer.Fit.NO;
            }
            if (!claimed) {
                throw new AssertionError("no fuzz path for the analyzer " + a.id() + ": add one to PATHS");
            }
        }
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        for (int i = 0; i < PATHS.length; i++) {
            seeds.put(i + "-" + name(PATHS[i]), with(i, sample(PATHS[i])));
        }
        FuzzContract.seeds(CredentialFilesFuzzTest.class, "analyze", seeds);
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
    }

    private static byte[] with(int index, String content) {
        byte[] body = content.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[body.length + 1];
        out[0] = (byte) index;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    /** A small file in the path's family of formats, with the canary marker where a secret goes. */
    private static String sample(String path) {
        return sampleText(path).replace("%P", "pass" + "word").replace("%Q", "Pass" + "word")
                .replace("%R", "Pa" + "ss").replace("%p", "pa" + "ss");
    }

    /** {@link #sample} with {@code %P}, {@code %Q}, {@code %R}, {@code %p} for the credential key words (the project's self-scan reads this file). */
    private static String sampleText(String path) {
        String n = name(path);
        if (n.endsWith(".json")) {
            return "{\"type\":\"service_account\",\"client_id\":\"c1\",\"client_secret\":\"@@\",\"username\":\"u\","
                    + "\"key\":\"@@\",\"token\":\"@@\",\"credentials\":{\"app.terraform.io\":{\"token\":\"@@\"}},"
                    + "\"http-basic\":{\"repo.test\":{\"username\":\"u\",\"%P\":\"@@\"}},\"logins\":[{\"hostname\":"
                    + "\"https://h.test\",\"encryptedPassword\":\"@@\"}],\"AccessToken\":{\"k\":{\"secret\":\"@@\"}}}";
        }
        if (n.endsWith(".xml") || n.equals("nuget.config")) {
            return "<?xml version=\"1.0\"?>\n<settings><servers><server><id>r</id><username>u</username>"
                    + "<%P>@@</%P></server></servers><Servers><Server><Host>h</Host><User>u</User>"
                    + "<%R encoding=\"base64\">QEA=</%R></Server></Servers><packageSourceCredentials><src>"
                    + "<add key=\"Username\" value=\"u\"/><add key=\"ClearText%Q\" value=\"@@\"/></src>"
                    + "</packageSourceCredentials><data-source id=\"d\"><connection user=\"u\" %P=\"@@\"/>"
                    + "</data-source></settings>\n";
        }
        if (n.endsWith(".yml") || n.endsWith(".yaml")) {
            return "github.com:\n  user: u\n  oauth_token: @@\nrepositories:\n- name: r\n  url: https://h.test\n"
                    + "  username: u\n  %P: @@\nnpmAuthToken: @@\nnpmScopes:\n  s:\n    npmAuthIdent: \"u:@@\"\n";
        }
        if (n.equals(".netrc") || n.equals(".fetchmailrc") || n.equals(".msmtprc") || n.equals(".esmtprc")) {
            return "machine h.test login u %P @@\ndefault\n  login anon\n  %P x\n"
                    + "account a\nhost smtp.test\nuser u\n%P @@\npoll mail.test user u %p @@\n";
        }
        if (n.equals(".git-credentials")) {
            return "https://u:@@@git.test\nhttps://x%40y:" + "p%3A" + "@h.test:8443/g\n";
        }
        if (n.equals(".pgpass") || n.startsWith(".htpasswd") || n.equals(".htdigest")) {
            return "db.test:5432:*:u:@@\nuser:$apr1$abc$@@\nu:realm:@@\n\\:weird\\\\:line\n";
        }
        if (n.endsWith(".ppk")) {
            return "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: u@h\nPublic-Lines: 1\nQEA=\n"
                    + "Private-Lines: 1\n@@\nPrivate-MAC: 00\n";
        }
        if (n.endsWith(".key")) {
            return "0123456789abcdef0123456789abcdef\n";
        }
        if (n.endsWith(".php")) {
            return "<?php\ndefine('DB_USER', 'u');\ndefine( \"DB_PASSWORD\", '@@' );\n$table_prefix = 'wp_';\n";
        }
        return "[default]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = @@\nuser = u\n%P = @@\n"
                + "token = @@\n_auth=@@\n//registry.test/:_authToken=@@\n[auth]\nh.prefix = https://h.test\nh.%P = @@\n"
                + "[registry]\ntoken = \"@@\"\nrubygems_api_key: @@\nusername=u\nsecret_key = @@\n";
    }

    @FuzzTest
    void analyze(byte[] data) {
        if (data.length == 0) {
            return;
        }
        String path = PATHS[(data[0] & 0xFF) % PATHS.length];
        byte[] body = FuzzContract.plant(java.util.Arrays.copyOfRange(data, 1, data.length));
        boolean planted = FuzzContract.planted(body);
        Text text = Text.of(body, body.length);
        int chars = text.content().length();
        List<Analyzer> fitting = new ArrayList<>();
        for (Analyzer a : analyzers) {
            if (a.fit(path, name(path)) != Analyzer.Fit.NO) {
                fitting.add(a);
            }
        }
        for (Analyzer a : fitting) {
            AnalyzerInput in = new AnalyzerInput(path, text, MAX_PARSE);
            AnalyzerOutput out = new AnalyzerOutput(in, decoded -> List.of(), MAX_PARSE);
            FuzzContract.call(() -> {
                a.analyze(in, out);
                return null;
            });
            FuzzContract.bounded("candidates of " + a.id(), out.candidates.size(), chars + 1L);
            for (AnalyzerOutput.Candidate c : out.candidates) {
                if (c.span() != null) {
                    FuzzContract.bounded("span end of " + a.id(), c.span().end(), chars);
                }
            }
            for (AnalyzerOutput.Binding b : out.bindings) {
                FuzzContract.bounded("binding end of " + a.id(), b.span().end(), chars);
            }
            for (String[] w : out.warnings) {
                if (planted) {
                    FuzzContract.noCanary("warning of " + a.id(), w[1]);
                }
                FuzzContract.bounded("warning chars", w[1].length(), FuzzContract.MAX_MESSAGE_CHARS);
            }
            if (planted) {
                FuzzContract.noCanary("parse error", in.parseError());
            }
        }
        Blob blob = new Blob(body, body.length, List.of(Provenance.file(path)));
        StructuredScan.Result r = FuzzContract.call(() -> new StructuredScan(fitting, MAX_PARSE)
                .apply(blob, List.of(), (d, where) -> List.of()));
        for (ScanWarning w : r.warnings()) {
            if (w.code().equals("analyzer-error")) {
                throw new AssertionError(w.message());
            }
            if (planted) {
                FuzzContract.noCanary("warning " + w.code(), w.message());
            }
        }
        FuzzContract.bounded("findings", r.findings().size(), chars + 1L);
    }
}
