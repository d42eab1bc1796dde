package dev.sprawl.eval;

import static dev.sprawl.eval.Format.cat;
import static dev.sprawl.eval.Format.of;
import static dev.sprawl.eval.Syntaxes.EQUALS;
import static dev.sprawl.eval.Syntaxes.INI;
import static dev.sprawl.eval.Syntaxes.JSON;
import static dev.sprawl.eval.Syntaxes.TOML;
import static dev.sprawl.eval.Syntaxes.XML_ATTR;
import static dev.sprawl.eval.Syntaxes.XML_ELEM;
import static dev.sprawl.eval.Syntaxes.YAML;

import java.util.List;

/** Credential files of package managers and build tools. */
final class PackageFormats {

    private PackageFormats() {
    }

    static List<Format> all() {
        return List.of(
            of("maven-settings", ".m2/settings.xml", PackageFormats::mavenSettings),
            of("gradle.properties", ".gradle/gradle.properties", PackageFormats::gradleProperties),
            of("pypirc", ".pypirc", PackageFormats::pypirc),
            of("gem-credentials", ".gem/credentials", PackageFormats::gemCredentials),
            of("npmrc", ".npmrc", PackageFormats::npmrc),
            of("yarnrc.yml", "app/.yarnrc.yml", PackageFormats::yarnrc),
            of("composer-auth", ".config/composer/auth.json", PackageFormats::composerAuth),
            of("nuget-config", "src/NuGet.Config", PackageFormats::nugetConfig),
            of("cargo-credentials", ".cargo/credentials.toml", PackageFormats::cargoCredentials));
    }

    static Gen.Val pypiToken(Gen g) {
        return new Gen.Val("py" + "pi-AgEIcHlwaS5vcmc" + g.of(Gen.URLSAFE, 150), "prefixed", null);
    }

    static void mavenSettings(Doc d) {
        Gen g = d.g;
        d.line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<settings xmlns=\"http://maven.apache.org/SETTINGS/1.2.0\"\n"
                + "          xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                + "          xsi:schemaLocation=\"http://maven.apache.org/SETTINGS/1.2.0 https://maven.apache.org/xsd/settings-1.2.0.xsd\">\n"
                + "  <localRepository>${user.home}/.m2/repository</localRepository>\n  <servers>");
        int n = g.between(1, 3);
        for (int i = 0; i < n; i++) {
            d.line("    <server>");
            d.line("      <id>" + g.pick(new String[] {"ossrh", "central", g.service() + "-releases",
                g.service() + "-snapshots"}) + "</id>");
            String user = g.user();
            int ul = d.line("      <username>" + user + "</username>");
            Gen.Val v = d.v("punct", "alnum", "passphrase", "base64");
            if (!d.neg && g.chance(0.25)) {
                v = new Gen.Val("{" + Gen.b64(g.bytes(24)) + "}", "encoded", null);
            }
            Gen.Val w = v.map(Gen::xml);
            d.sec("password", XML_ELEM, "      <password>" + w + "</password>", w).id("user", user, ul);
            d.line("    </server>");
        }
        d.line("  </servers>\n  <mirrors>\n    <mirror>\n      <id>corp</id>\n      <mirrorOf>*</mirrorOf>\n"
                + "      <url>https://nexus." + g.domain() + "/repository/maven-public/</url>\n    </mirror>\n"
                + "  </mirrors>\n</settings>");
    }

    static void gradleProperties(Doc d) {
        Gen g = d.g;
        d.line("org.gradle.jvmargs=-Xmx2048m -Dfile.encoding=UTF-8\norg.gradle.parallel=true\nandroid.useAndroidX=true");
        String user = g.user();
        int ul = d.line("ossrhUsername=" + user);
        Gen.Val v = d.v("punct", "alnum", "passphrase");
        d.sec("password", EQUALS, "ossrhPassword=" + v, v, "camel").id("user", user, ul);
        int kl = d.line("signing.keyId=" + g.of("0123456789ABCDEF", 8));
        Gen.Val s = d.v("passphrase", "punct");
        d.sec("password", EQUALS, "signing.password=" + s, s, "dotted").id("key-id",
                d.lines().get(kl - 1).substring(14), kl);
        d.line("signing.secretKeyRingFile=/home/" + user + "/.gnupg/secring.gpg");
        Gen.Name name = g.credName(g.pick(new String[] {"camel", "dotted", "snake"}));
        Gen.Val t = d.v("alnum", "prefixed", "hex");
        d.sec(cat(t), EQUALS, name + "=" + t, t, name.style());
    }

    static void pypirc(Doc d) {
        Gen g = d.g;
        d.line(DotfileFormats.section("distutils") + "\nindex-servers =\n    pypi\n    " + g.service() + "\n\n"
                + DotfileFormats.section("pypi") + "\nusername = __token__");
        Gen.Val v = d.neg ? g.negativeNonEmpty() : pypiToken(g);
        String pw = "password" + " = ";
        d.sec("token", INI, pw + v, v);
        d.line("\n[" + g.service() + "]");
        String host = "pypi." + g.domain();
        int hl = d.line("repository = https://" + host + "/simple/");
        String user = g.user();
        int ul = d.line("username = " + user);
        Gen.Val p = d.v("punct", "alnum", "passphrase");
        d.sec("password", INI, pw + p, p).id("user", user, ul).id("host", host, hl);
    }

    static void gemCredentials(Doc d) {
        Gen g = d.g;
        d.line("---");
        Gen.Val v = d.neg ? g.negativeNonEmpty() : new Gen.Val("rubygems" + "_" + g.of(Gen.HEX, 48), "prefixed", null);
        d.sec("api-key", YAML, ":rubygems_api_key: " + v, v);
        if (g.chance(0.5)) {
            String host = "https://gems." + g.domain();
            Gen.Val w = d.neg ? g.negativeNonEmpty() : g.secret("alnum", "hex");
            d.sec("api-key", YAML, host + ": " + w, w);
        }
    }

    static void npmrc(Doc d) {
        Gen g = d.g;
        d.line("registry=https://registry.npmjs.org/\nsave-exact=true\nfund=false");
        Gen.Val v = d.neg ? g.negativeNonEmpty() : new Gen.Val("np" + "m_" + g.of(Gen.ALNUM, 36), "prefixed", null);
        d.sec("token", EQUALS, "//registry.npmjs.org/:_authToken=" + v, v).id("host", "registry.npmjs.org",
                d.next() - 1);
        d.line("@" + g.service() + ":registry=https://npm.pkg.github.com");
        Gen.Val w = d.neg ? g.negativeNonEmpty() : new Gen.Val(g.github("gh" + "p_"), "prefixed", null);
        d.sec("token", EQUALS, "//npm.pkg.github.com/:_authToken=" + w, w).id("host", "npm.pkg.github.com",
                d.next() - 1);
        String host = "nexus." + g.domain();
        String user = g.user();
        int ul = d.line("//" + host + "/repository/npm/:username=" + user);
        Gen.Val p = d.neg ? g.negativeNonEmpty()
                : new Gen.Val(Gen.b64(g.secret("punct", "alnum").text()), "encoded", null);
        d.sec("password", EQUALS, "//" + host + "/repository/npm/:_password=" + p, p).id("user", user, ul)
                .id("host", host, ul);
        d.line("//" + host + "/repository/npm/:always-auth=true");
    }

    static void yarnrc(Doc d) {
        Gen g = d.g;
        d.line("nodeLinker: node-modules\nenableTelemetry: false\n\nnpmScopes:\n  " + g.service() + ":\n"
                + "    npmRegistryServer: \"https://npm." + g.domain() + "\"\n    npmAlwaysAuth: true");
        Gen.Val v = d.neg ? g.negativeNonEmpty() : g.secret("prefixed", "alnum", "uuid");
        d.sec(cat(v), YAML, "    npmAuthToken: \"" + v + "\"", v, "camel");
        String host = "https://registry." + g.domain();
        d.line("\nnpmRegistries:\n  \"" + host + "\":");
        String user = g.user();
        Gen.Val p = d.neg ? g.negativeNonEmpty() : g.secret("alnum", "punct").map(s -> user + ":" + s);
        d.sec("password", YAML, "    npmAuthIdent: \"" + p + "\"", p, "camel").id("user", user, d.next() - 1);
        d.line("\nyarnPath: .yarn/releases/yarn-4.1.0.cjs");
    }

    static void composerAuth(Doc d) {
        Gen g = d.g;
        d.line("{\n    \"http-basic\": {");
        String host = "repo." + g.domain();
        d.line("        \"" + host + "\": {");
        String user = g.user();
        int ul = d.line("            \"username\": \"" + user + "\",");
        Gen.Val p = d.v("punct", "alnum", "passphrase").map(Gen::json);
        d.sec("password", JSON, "            \"password\": \"" + p + "\"", p).id("user", user, ul)
                .id("host", host, ul - 1);
        d.line("        }\n    },\n    \"github-oauth\": {");
        Gen.Val t = d.neg ? g.negative() : new Gen.Val(g.github("gh" + "p_"), "prefixed", null);
        d.sec("token", JSON, "        \"github.com\": \"" + t + "\"", t).id("host", "github.com", d.next() - 1);
        d.line("    },\n    \"gitlab-token\": {");
        Gen.Val l = d.neg ? g.negative() : new Gen.Val("glp" + "at-" + g.of(Gen.URLSAFE, 20), "prefixed", null);
        d.sec("token", JSON, "        \"gitlab.com\": \"" + l + "\"", l).id("host", "gitlab.com", d.next() - 1);
        d.line("    },\n    \"bearer\": {");
        String bh = "packages." + g.domain();
        Gen.Val b = d.v("alnum", "hex", "jwt");
        d.sec("token", JSON, "        \"" + bh + "\": \"" + b + "\"", b).id("host", bh, d.next() - 1);
        d.line("    }\n}");
    }

    static void nugetConfig(Doc d) {
        Gen g = d.g;
        String feed = Gen.cap(g.service()) + "Feed";
        String host = "pkgs." + g.domain();
        d.line("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <clear />\n"
                + "    <add key=\"nuget.org\" value=\"https://api.nuget.org/v3/index.json\" protocolVersion=\"3\" />");
        int hl = d.line("    <add key=\"" + feed + "\" value=\"https://" + host + "/nuget/v3/index.json\" />");
        d.line("  </packageSources>\n  <packageSourceCredentials>\n    <" + feed + ">");
        String user = g.user();
        int ul = d.line("      <add key=\"Username\" value=\"" + user + "\" />");
        Gen.Val p = d.v("punct", "alnum", "passphrase").map(Gen::xml);
        d.sec("password", XML_ATTR, "      <add key=\"ClearTextPassword\" value=\"" + p + "\" />", p)
                .id("user", user, ul).id("host", host, hl);
        d.line("    </" + feed + ">\n  </packageSourceCredentials>\n  <apikeys>");
        Gen.Val k = d.neg ? g.negative() : new Gen.Val("oy" + "2" + g.of(Gen.LOWER + Gen.DIGITS, 43), "prefixed", null);
        d.sec("api-key", XML_ATTR, "    <add key=\"https://www.nuget.org\" value=\"" + k + "\" />", k)
                .id("host", "www.nuget.org", d.next() - 1);
        d.line("  </apikeys>\n</configuration>");
    }

    static void cargoCredentials(Doc d) {
        Gen g = d.g;
        d.line("[registry]");
        Gen.Val v = d.neg ? g.negativeNonEmpty() : new Gen.Val("ci" + "o" + g.of(Gen.ALNUM, 32), "prefixed", null);
        d.sec("token", TOML, "token = \"" + v + "\"", v);
        d.line("\n[registries." + g.service() + "]");
        Gen.Val w = d.neg ? g.negativeNonEmpty() : g.secret("alnum", "hex").map(s -> "Bearer " + s);
        d.sec("token", TOML, "token = \"" + w + "\"", w);
    }
}
