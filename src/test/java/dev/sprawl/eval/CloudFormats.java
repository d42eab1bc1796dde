package dev.sprawl.eval;

import static dev.sprawl.eval.Format.of;
import static dev.sprawl.eval.Syntaxes.HCL;
import static dev.sprawl.eval.Syntaxes.INI;
import static dev.sprawl.eval.Syntaxes.JSON;
import static dev.sprawl.eval.Syntaxes.TOML;
import static dev.sprawl.eval.Syntaxes.YAML;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Credential files of cloud and platform command-line tools. */
final class CloudFormats {

    private CloudFormats() {
    }

    static List<Format> all() {
        return List.of(
            of("aws-credentials", ".aws/credentials", CloudFormats::awsCredentials),
            of("aws-config", ".aws/config", CloudFormats::awsConfig),
            of("gcloud-adc", ".config/gcloud/application_default_credentials.json", CloudFormats::gcloudAdc),
            of("gcp-service-account", "keys/" + "deploy-sa.json", CloudFormats::gcpServiceAccount),
            of("azure-msal-cache", ".azure/msal_token_cache.json", CloudFormats::azureMsal),
            of("azure-service-principal", "ops/sp-" + "rbac.json", CloudFormats::azureSp),
            of("kubeconfig", ".kube/config", CloudFormats::kubeconfig),
            of("docker-config", ".docker/config.json", CloudFormats::dockerConfig),
            of("gh-hosts", ".config/gh/hosts.yml", CloudFormats::ghHosts),
            of("s3cfg", ".s3cfg", CloudFormats::s3cfg),
            of("rclone", ".config/rclone/rclone.conf", CloudFormats::rclone),
            of("boto", ".boto", CloudFormats::boto),
            of("doctl", ".config/doctl/config.yaml", CloudFormats::doctl),
            of("hcloud", ".config/hcloud/cli.toml", CloudFormats::hcloud),
            of("terraformrc", ".terraformrc", CloudFormats::terraformrc),
            of("terraform-credentials-json", ".terraform.d/credentials.tfrc.json", CloudFormats::tfrcJson));
    }

    /** An AWS access key id; in a negative file the documented example id or a placeholder. */
    static String keyId(Doc d) {
        if (!d.neg) {
            return d.g.awsKeyId();
        }
        return d.g.chance(0.5) ? "AK" + "IAIOSFODNN7" + "EXAMPLE" : d.g.negativeNonEmpty().text();
    }

    static void awsCredentials(Doc d) {
        Gen g = d.g;
        String[] profiles = {"default", g.service(), g.service() + "-prod"};
        int n = g.between(1, 3);
        for (int i = 0; i < n; i++) {
            d.line("[" + profiles[i] + "]");
            String id = keyId(d);
            int il = d.line("aws_access_key_id = " + id);
            Gen.Val v = d.neg ? g.negativeNonEmpty() : new Gen.Val(g.awsSecret(), "base64", null);
            d.sec("api-key", INI, "aws_secret_access_key = " + v, v).id("key-id", id, il);
            if (id.startsWith("AS") && !d.neg) {
                Gen.Val t = new Gen.Val("IQoJb3JpZ2luX2VjE" + g.of(Gen.ALNUM + "+/", 300) + "==", "base64", null);
                d.sec("token", INI, "aws_session_token = " + t, t).id("key-id", id, il);
            }
            if (g.chance(0.5)) {
                d.line("region = " + g.pick(new String[] {"eu-west-1", "us-east-1", "ap-southeast-2"}));
            }
            d.line("");
        }
    }

    static void awsConfig(Doc d) {
        Gen g = d.g;
        d.line("[default]\nregion = eu-central-1\noutput = json\n");
        d.line("[profile " + g.service() + "-sso]\nsso_session = corp\nsso_account_id = " + g.of(Gen.DIGITS, 12)
                + "\nsso_role_name = ReadOnly\nregion = us-east-1\n");
        d.line("[sso-session corp]\nsso_start_url = https://" + g.word() + ".awsapps.com/start\nsso_region = us-east-1\n"
                + "sso_registration_scopes = sso:account:access\n");
        d.line("[profile " + g.service() + "-legacy]");
        String id = keyId(d);
        int il = d.line("aws_access_key_id=" + id);
        Gen.Val v = d.neg ? g.negativeNonEmpty() : new Gen.Val(g.awsSecret(), "base64", null);
        d.sec("api-key", INI, "aws_secret_access_key=" + v, v).id("key-id", id, il);
        d.line("role_arn = arn:aws:iam::" + g.of(Gen.DIGITS, 12) + ":role/" + g.service()
                + "\nsource_profile = default");
    }

    static void gcloudAdc(Doc d) {
        Gen g = d.g;
        String clientId = g.of(Gen.DIGITS, 12) + "-" + g.of("abcdefghijklmnopqrstuvwxyz0123456789", 32)
                + ".apps.googleusercontent.com";
        d.line("{");
        d.line("  \"account\": \"\",");
        int cl = d.line("  \"client_id\": \"" + clientId + "\",");
        Gen.Val cs = d.neg ? g.negative() : new Gen.Val("GOC" + "SPX-" + g.of(Gen.URLSAFE, 28), "prefixed", null);
        d.sec("api-key", JSON, "  \"client_secret\": \"" + cs + "\",", cs).id("client-id", clientId, cl);
        d.line("  \"quota_project_id\": \"" + g.service() + "-" + g.between(100000, 999999) + "\",");
        Gen.Val rt = d.neg ? g.negative() : new Gen.Val("1//0" + g.of(Gen.URLSAFE, 99), "prefixed", null);
        d.sec("token", JSON, "  \"refresh_token\": \"" + rt + "\",", rt).id("client-id", clientId, cl);
        d.line("  \"type\": \"authorized_user\",\n  \"universe_domain\": \"googleapis.com\"\n}");
    }

    /** Base64 wrapped at 64 columns, each line ending in a newline. */
    static String wrap(String b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length(); i += 64) {
            sb.append(b, i, Math.min(b.length(), i + 64)).append('\n');
        }
        return sb.toString();
    }

    /** A PEM private key block: the usual DER prefix of its kind, then a random body. */
    static String pemKey(Gen g, String kind) {
        String begin = "-----BEG" + "IN " + kind + "-----\n";
        String end = "-----EN" + "D " + kind + "-----\n";
        String prefix = kind.startsWith("RSA") ? "MIIEpAIBAAKCAQEA" : "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ";
        return begin + wrap(prefix + Gen.b64(g.bytes(1180)).substring(prefix.length())) + end;
    }

    static void gcpServiceAccount(Doc d) {
        Gen g = d.g;
        String project = g.service() + "-" + g.between(100000, 999999);
        String email = g.service() + "-sa@" + project + ".iam.gserviceaccount.com";
        String keyId = d.neg ? g.negativeNonEmpty().text() : g.of(Gen.HEX, 40);
        d.line("{\n  \"type\": \"service_account\",\n  \"project_id\": \"" + project + "\",");
        int kl = d.line("  \"private_key_id\": \"" + keyId + "\",");
        Gen.Val v = d.neg ? g.negativeNonEmpty()
                : new Gen.Val(pemKey(g, "PRIVATE" + " KEY").replace("\n", "\\n"), "pem", null);
        Doc.Sec s = d.sec("private-key", JSON, "  \"private_key\": \"" + v + "\",", v);
        int el = d.line("  \"client_email\": \"" + email + "\",");
        String cid = g.of(Gen.DIGITS, 21);
        int cl = d.line("  \"client_id\": \"" + cid + "\",");
        s.id("key-id", keyId, kl).id("user", email, el).id("client-id", cid, cl);
        d.line("  \"auth_uri\": \"https://accounts.google.com/o/oauth2/auth\",\n"
                + "  \"token_uri\": \"https://oauth2.googleapis.com/token\",\n"
                + "  \"auth_provider_x509_cert_url\": \"https://www.googleapis.com/oauth2/v1/certs\",\n"
                + "  \"client_x509_cert_url\": \"https://www.googleapis.com/robot/v1/metadata/x509/"
                + email.replace("@", "%40") + "\",\n  \"universe_domain\": \"googleapis.com\"\n}");
    }

    static void azureMsal(Doc d) {
        Gen g = d.g;
        String oid = g.uuid();
        String tenant = g.uuid();
        String client = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
        String home = oid + "." + tenant;
        d.line("{\n  \"Account\": {\n    \"" + home + "-login.microsoftonline.com-" + tenant + "\": {");
        d.line("      \"home_account_id\": \"" + home + "\",\n      \"environment\": \"login.microsoftonline.com\",");
        d.line("      \"realm\": \"" + tenant + "\",\n      \"username\": \"" + g.email() + "\",\n"
                + "      \"authority_type\": \"MSSTS\"\n    }\n  },");
        d.line("  \"AccessToken\": {\n    \"" + home + "-login.microsoftonline.com-accesstoken-" + client + "-"
                + tenant + "-https://management.core.windows.net//.default\": {");
        d.line("      \"credential_type\": \"AccessToken\",");
        Gen.Val at = d.neg ? g.negative() : g.secret("jwt");
        Doc.Sec a = d.sec("token", JSON, "      \"secret\": \"" + at + "\",", at);
        d.line("      \"home_account_id\": \"" + home + "\",\n      \"environment\": \"login.microsoftonline.com\",");
        int cl = d.line("      \"client_id\": \"" + client + "\",");
        int tl = d.line("      \"realm\": \"" + tenant + "\",");
        a.id("client-id", client, cl).id("account", tenant, tl);
        d.line("      \"target\": \"https://management.core.windows.net//user_impersonation\",\n"
                + "      \"token_type\": \"Bearer\",\n      \"cached_at\": \"" + g.between(1_700_000_000, 1_760_000_000)
                + "\",\n      \"expires_on\": \"" + g.between(1_760_000_001, 1_790_000_000) + "\"\n    }\n  },");
        d.line("  \"RefreshToken\": {\n    \"" + home + "-login.microsoftonline.com-refreshtoken-" + client + "--\": {");
        d.line("      \"credential_type\": \"RefreshToken\",");
        Gen.Val rt = d.neg ? g.negative()
                : new Gen.Val("1.A" + g.of(Gen.URLSAFE, 20) + "." + g.of(Gen.URLSAFE, 400), "prefixed", null);
        Doc.Sec r = d.sec("token", JSON, "      \"secret\": \"" + rt + "\",", rt);
        d.line("      \"home_account_id\": \"" + home + "\",\n      \"environment\": \"login.microsoftonline.com\",");
        int cl2 = d.line("      \"client_id\": \"" + client + "\",");
        r.id("client-id", client, cl2);
        d.line("      \"family_id\": \"1\"\n    }\n  },\n  \"IdToken\": {},\n  \"AppMetadata\": {}\n}");
    }

    static void azureSp(Doc d) {
        Gen g = d.g;
        String app = g.uuid();
        String tenant = g.uuid();
        d.line("{");
        int al = d.line("  \"appId\": \"" + app + "\",");
        d.line("  \"displayName\": \"" + g.service() + "-deployer\",");
        Gen.Val v = d.neg ? g.negative()
                : new Gen.Val(g.of(Gen.ALNUM, 3) + g.between(0, 9) + "Q~" + g.of(Gen.ALNUM + "_~.-", 34), "prefixed",
                        null);
        Doc.Sec s = d.sec("password", JSON, "  \"password\": \"" + v + "\",", v);
        int tl = d.line("  \"tenant\": \"" + tenant + "\"");
        s.id("client-id", app, al).id("account", tenant, tl);
        d.line("}");
    }

    static void kubeconfig(Doc d) {
        Gen g = d.g;
        String cluster = g.service() + "-" + g.pick(new String[] {"prod", "staging", "eu"});
        String server = "https://" + g.ip() + ":6443";
        d.line("apiVersion: v1\nclusters:\n- cluster:\n    insecure-skip-tls-verify: true");
        int hl = d.line("    server: " + server);
        d.line("  name: " + cluster + "\ncontexts:\n- context:\n    cluster: " + cluster + "\n    user: "
                + cluster + "-admin\n  name: " + cluster + "\ncurrent-context: " + cluster + "\nkind: Config\n"
                + "preferences: {}\nusers:");
        int ul = d.line("- name: " + cluster + "-admin");
        d.line("  user:");
        String host = server.substring(8, server.lastIndexOf(':'));
        switch (g.between(0, 2)) {
            case 0 -> {
                Gen.Val v = d.neg ? g.negativeNonEmpty() : g.secret("jwt");
                d.sec("token", YAML, "    token: " + v, v).id("host", host, hl);
            }
            case 1 -> {
                Gen.Val v = d.neg ? g.negativeNonEmpty()
                        : new Gen.Val(Gen.b64(pemKey(g, "RSA PRIVATE" + " KEY")), "pem", null);
                d.sec("private-key", YAML, "    client-key-data: " + v, v).id("host", host, hl);
            }
            default -> {
                String user = g.user();
                int ul2 = d.line("    username: " + user);
                Gen.Val v = d.neg ? g.negativeNonEmpty() : g.secret("alnum", "punct").map(s -> "'" + s + "'");
                d.sec("password", YAML, "    password: " + v, v).id("user", user, ul2).id("host", host, hl);
            }
        }
        assert ul > 0;
    }

    static void dockerConfig(Doc d) {
        Gen g = d.g;
        d.line("{\n\t\"auths\": {");
        int n = g.between(1, 3);
        for (int i = 0; i < n; i++) {
            String reg = g.pick(new String[] {"https://index.docker.io/v1/", "ghcr.io", "registry." + g.domain(),
                g.of(Gen.DIGITS, 12) + ".dkr.ecr.eu-west-1.amazonaws.com", "quay.io"});
            int rl = d.line("\t\t\"" + reg + "\": {");
            String user = g.user();
            if (d.neg) {
                d.line("\t\t}" + (i < n - 1 ? "," : ""));
                continue;
            }
            Gen.Val p = g.secret("alnum", "punct", "prefixed");
            Gen.Val v = new Gen.Val(Gen.b64(user + ":" + p.text()), "encoded", null);
            String host = reg.replace("https://", "").replaceAll("/.*", "");
            d.sec(Format.cat(p), JSON, "\t\t\t\"auth\": \"" + v + "\"", v).id("host", host, rl);
            d.line("\t\t}" + (i < n - 1 ? "," : ""));
        }
        d.line("\t},");
        d.decoy(JSON, "\t\"credsStore\": \"desktop\",");
        d.line("\t\"currentContext\": \"desktop-linux\",\n\t\"plugins\": {\n"
                + "\t\t\"-x-cli-hints\": {\n\t\t\t\"enabled\": \"true\"\n\t\t}\n\t}\n}");
    }

    static void ghHosts(Doc d) {
        Gen g = d.g;
        String user = g.user();
        d.line("github.com:");
        d.line("    users:\n        " + user + ":");
        Gen.Val v0 = d.neg ? g.negativeNonEmpty() : new Gen.Val(g.github("gh" + "o_"), "prefixed", null);
        d.sec("token", YAML, "            oauth_token: " + v0, v0).id("user", user, 3).id("host", "github.com", 1);
        d.line("    git_protocol: https");
        Gen.Val v = v0;
        Doc.Sec s = d.sec("token", YAML, "    oauth_token: " + v, v);
        int ul = d.line("    user: " + user);
        s.id("user", user, ul).id("host", "github.com", 1);
    }

    static void s3cfg(Doc d) {
        Gen g = d.g;
        d.line("[default]");
        String id = keyId(d);
        int il = d.line("access_key = " + id);
        d.line("access_token = \nadd_encoding_exts = \nadd_headers = \nbucket_location = US\n"
                + "ca_certs_file = \ncache_file = \ncheck_ssl_certificate = True\ncloudfront_host = cloudfront.amazonaws.com\n"
                + "default_mime_type = binary/octet-stream\nencrypt = False\ngpg_command = /usr/bin/gpg\n"
                + "gpg_passphrase = \nhost_base = s3.amazonaws.com\nhost_bucket = %(bucket)s.s3.amazonaws.com");
        Gen.Val v = d.neg ? g.negativeNonEmpty() : new Gen.Val(g.awsSecret(), "base64", null);
        d.sec("api-key", INI, "secret_key = " + v, v).id("key-id", id, il);
        d.line("signature_v2 = False\nsocket_timeout = 300\nuse_https = True\nverbosity = WARNING");
    }

    static void rclone(Doc d) {
        Gen g = d.g;
        d.line("[" + g.service() + "-s3]\ntype = s3\nprovider = AWS\nenv_auth = false");
        String id = keyId(d);
        int il = d.line("access_key_id = " + id);
        Gen.Val v = d.neg ? g.negativeNonEmpty() : new Gen.Val(g.awsSecret(), "base64", null);
        d.sec("api-key", INI, "secret_access_key = " + v, v).id("key-id", id, il);
        d.line("region = eu-west-1\nacl = private\n");
        String host = g.host();
        d.line("[" + g.service() + "-sftp]\ntype = sftp");
        int hl = d.line("host = " + host);
        String user = g.user();
        int ul = d.line("user = " + user);
        Gen.Val p = d.neg ? g.negativeNonEmpty() : new Gen.Val(Gen.b64url(g.bytes(g.between(20, 40))), "encoded", null);
        d.sec("password", INI, "pass = " + p, p).id("user", user, ul).id("host", host, hl);
        d.line("shell_type = unix\nmd5sum_command = md5sum\n");
        d.line("[drive]\ntype = drive\nscope = drive");
        Gen.Val t = d.neg ? g.negativeNonEmpty() : new Gen.Val("ya29.a0" + g.of(Gen.URLSAFE, 150), "prefixed", null);
        String refresh = d.neg ? "" : "1//0" + g.of(Gen.URLSAFE, 40);
        d.sec("token", INI, "token = {\"access_token\":\"" + t + "\",\"token_type\":\"Bearer\",\"refresh_token\":\""
                + refresh + "\",\"expiry\":\"2025-03-01T10:00:00Z\"}", t);
        d.line("team_drive = ");
    }

    static void boto(Doc d) {
        Gen g = d.g;
        d.line("[Credentials]");
        String id = d.neg ? g.negativeNonEmpty().text() : "GOOG" + g.of(Gen.UPPER + Gen.DIGITS, 20);
        int il = d.line("gs_access_key_id = " + id);
        Gen.Val v = d.neg ? g.negativeNonEmpty() : new Gen.Val(g.of(Gen.ALNUM + "+/", 40), "base64", null);
        d.sec("api-key", INI, "gs_secret_access_key = " + v, v).id("key-id", id, il);
        d.line("\n[Boto]\nhttps_validate_certificates = True\n\n[GSUtil]\ncontent_language = en\n"
                + "default_api_version = 2\ndefault_project_id = " + g.service() + "-" + g.between(1000, 9999));
    }

    static void doctl(Doc d) {
        Gen g = d.g;
        Gen.Val v = d.neg ? g.negativeNonEmpty() : new Gen.Val("dop" + "_v1_" + g.of(Gen.HEX, 64), "prefixed", null);
        d.sec("token", YAML, "access-token: " + v, v, "kebab");
        d.line("auth-contexts:");
        Gen.Val w = d.neg ? g.negativeNonEmpty() : new Gen.Val("dop" + "_v1_" + g.of(Gen.HEX, 64), "prefixed", null);
        d.sec("token", YAML, "  " + g.service() + ": " + w, w);
        d.line("context: default\noutput: text\napps.dev.config.set.dev-config: \"\"\n"
                + "kubernetes.cluster.kubeconfig.save.set-current-context: true");
    }

    static void hcloud(Doc d) {
        Gen g = d.g;
        String ctx = g.service();
        d.line("active_context = \"" + ctx + "\"\n\n[[contexts]]\n  name = \"" + ctx + "\"");
        Gen.Val v = d.neg ? g.negativeNonEmpty() : new Gen.Val(g.of(Gen.ALNUM, 64), "alnum", null);
        d.sec("api-key", TOML, "  token = \"" + v + "\"", v);
        d.line("\n[preferences]\n  debug = false\n  poll_interval = \"500ms\"");
    }

    static void terraformrc(Doc d) {
        Gen g = d.g;
        d.line("plugin_cache_dir = \"$HOME/.terraform.d/plugin-cache\"\ndisable_checkpoint = true\n");
        String host = g.pick(new String[] {"app.terraform.io", "tfe." + g.domain()});
        int hl = d.line("credentials \"" + host + "\" {");
        Gen.Val v = d.neg ? g.negativeNonEmpty()
                : new Gen.Val(g.of(Gen.ALNUM, 14) + ".atlas" + "v1." + g.of(Gen.ALNUM, 67), "prefixed", null);
        d.sec("token", HCL, "  token = \"" + v + "\"", v).id("host", host, hl);
        d.line("}");
    }

    static void tfrcJson(Doc d) {
        Gen g = d.g;
        String host = "app.terraform.io";
        d.line("{\n  \"credentials\": {");
        int hl = d.line("    \"" + host + "\": {");
        Gen.Val v = d.neg ? g.negativeNonEmpty()
                : new Gen.Val(g.of(Gen.ALNUM, 14) + ".atlas" + "v1." + g.of(Gen.ALNUM, 67), "prefixed", null);
        d.sec("token", JSON, "      \"token\": \"" + v + "\"", v).id("host", host, hl);
        d.line("    }\n  }\n}");
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
