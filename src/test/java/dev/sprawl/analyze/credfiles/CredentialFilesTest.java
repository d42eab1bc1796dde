package dev.sprawl.analyze.credfiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.TestSecrets;
import dev.sprawl.analyze.Analysis;
import dev.sprawl.classify.Finding;
import dev.sprawl.classify.Identity;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each credential-file format, written as the tool writes it with random values: the secret, its
 * category, confidence, line and the identities of its record.
 */
class CredentialFilesTest {

    /** The identities of a finding as {@code kind=value@line}. */
    static List<String> ids(Finding f) {
        Object v = f.location().details().get(Identity.DETAIL);
        if (v == null) {
            return List.of();
        }
        return ((List<?>) v).stream().map(o -> (Identity) o).map(i -> i.kind() + "=" + i.value() + "@" + i.line()).toList();
    }

    static void check(Finding f, String category, String confidence, int line, String... identities) {
        String what = f.rule().id() + " " + f.secret().redacted() + " " + f.attributes();
        assertThat(f.rule().category().label()).as("category of %s", what).isEqualTo(category);
        assertThat(f.confidence().label()).as("confidence of %s", what).isEqualTo(confidence);
        assertThat(f.location().line()).as("line of %s", what).isEqualTo(line);
        assertThat(ids(f)).as("identities of %s", what).containsExactlyInAnyOrder(identities);
        assertThat(f.location().context()).isEqualTo("config");
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void gitCredentials() {
        String pw = TestSecrets.alnum(20);
        String pw2 = TestSecrets.alnum(12) + "@" + TestSecrets.alnum(6);
        Analysis a = Analysis.of("home/.git-credentials", "https://ci-bot:" + pw + "@git.acme.test\n"
                + "https://deploy%40acme:" + pw2.replace("@", "%40") + "@gitlab.acme.test:8443/group\n"
                + "https://${GIT_USER}:${GIT_TOKEN}@github.com\n");
        check(a.finding(pw), "password", "high", 1, "user=ci-bot@1", "host=git.acme.test@1");
        Finding second = a.finding(pw2);
        assertThat(second.rule().id()).isEqualTo("git-credentials-password");
        check(second, "password", "high", 2, "user=deploy@acme@2", "host=gitlab.acme.test:8443@2");
        assertThat(a.findings()).as(a.describe()).hasSize(2);
    }

    @Test
    void formatRulesAreOneStepLessSureInTestsAndDocs() {
        String pw = TestSecrets.alnum(18);
        String gh = TestSecrets.githubToken("ghp_");
        String script = "echo \"https://ci-bot:" + pw + "@git.acme.test\" > \"$HOME/.git-credentials\"\nexport GITHUB_TOKEN=" + gh + "\n";
        Analysis prod = Analysis.of("scripts/setup.sh", script);
        Analysis test = Analysis.of("t/setup.sh", script);
        Finding inProd = prod.finding(pw);
        Finding inTest = test.finding(pw);
        assertThat(inProd.rule().provider()).as(prod.describe()).isEqualTo("credential-file");
        assertThat(inProd.confidence().label()).isNotEqualTo("low");
        assertThat(inTest.confidence()).isEqualTo(inProd.confidence().lower());
        // a provider's own format is as sure in a test as anywhere
        assertThat(test.finding(gh).confidence()).isEqualTo(prod.finding(gh).confidence());
    }

    @Test
    void netrcMultiLineOneLineAndDefault() {
        String a1 = TestSecrets.alnum(18);
        String a2 = TestSecrets.password();
        String a3 = TestSecrets.alnum(24);
        Analysis a = Analysis.of("home/.netrc", """
                # work
                machine api.acme.test
                  login svc-billing
                  password %s

                machine ftp.acme.test login uploader account acct-7 password %s
                macdef init
                cd /pub
                password notasecret

                default login anonymous password %s
                machine ci.acme.test login bot password ${CI_TOKEN}
                machine ftp.mirror.test login anonymous password ops@acme.test
                """.formatted(a1, a2, a3));
        check(a.finding(a1), "password", "high", 4, "host=api.acme.test@2", "user=svc-billing@3");
        check(a.finding(a2), "password", "high", 6, "host=ftp.acme.test@6", "user=uploader@6", "account=acct-7@6");
        // anonymous FTP takes any password: a random one is weak evidence, an e-mail address none
        check(a.finding(a3), "password", "low", 11, "user=anonymous@11");
        assertThat(a.findings()).as(a.describe()).hasSize(3);
    }

    @Test
    void windowsNetrcAndMalformed() {
        String pw = TestSecrets.alnum(16);
        Analysis a = Analysis.of("Users/ops/_netrc", "machine files.acme.test login ops password \"" + pw + "\"\n");
        check(a.finding(pw), "password", "high", 1, "host=files.acme.test@1", "user=ops@1");
        Analysis bad = Analysis.of("home/.netrc", "\u0000\u0001 password garbage");
        assertThat(bad.warnings()).extracting(w -> w.code()).contains("credential-file-malformed");
    }

    @Test
    void esmtprcIdentities() {
        String pw = TestSecrets.password();
        Analysis a = Analysis.of("home/.esmtprc", """
                identity = ops@acme.test
                    hostname = smtp.acme.test:587
                    username = "ops"
                    password = "%s"
                    starttls = required
                """.formatted(pw));
        check(a.finding(pw), "password", "high", 4, "account=ops@acme.test@1", "host=smtp.acme.test:587@2", "user=ops@3");
    }

    @Test
    void msmtpAccountsWithDefaults() {
        String pw = TestSecrets.password();
        String pw2 = TestSecrets.alnum(20);
        Analysis a = Analysis.of("home/.msmtprc", """
                defaults
                auth on
                tls on
                host smtp.acme.test

                account work
                user alerts@acme.test
                password %s

                account relay : work
                host relay.acme.test
                user relay
                password %s
                passwordeval "pass show mail"
                """.formatted(pw, pw2));
        check(a.finding(pw), "password", "high", 8, "account=work@6", "user=alerts@acme.test@7", "host=smtp.acme.test@4");
        check(a.finding(pw2), "password", "high", 13, "account=relay@10", "host=relay.acme.test@11", "user=relay@12");
        assertThat(a.findings()).as(a.describe()).hasSize(2);
    }

    @Test
    void fetchmailrc() {
        String pw = TestSecrets.alnum(15);
        Analysis a = Analysis.of("home/.fetchmailrc", "set daemon 300\npoll imap.acme.test protocol imap\n"
                + "    user \"ops\" there with password \"" + pw + "\" is localops here\n");
        check(a.finding(pw), "password", "high", 3, "host=imap.acme.test@2", "user=ops@3");
    }

    @Test
    void fileZillaBase64PlainAndCrypt() {
        String pw = TestSecrets.password();
        String plain = TestSecrets.alnum(14);
        String crypt = TestSecrets.alnum(40);
        Analysis a = Analysis.of("AppData/FileZilla/sitemanager.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes" ?>
                <FileZilla3 version="3.66.1" platform="windows">
                  <Servers>
                    <Folder expanded="1">Prod
                      <Server>
                        <Host>sftp.acme.test</Host>
                        <Port>22</Port>
                        <Protocol>1</Protocol>
                        <User>deploy</User>
                        <Pass encoding="base64">%s</Pass>
                        <Name>prod sftp</Name>
                      </Server>
                    </Folder>
                    <Server>
                      <Host>ftp.acme.test</Host>
                      <Port>21</Port>
                      <User>legacy</User>
                      <Pass>%s</Pass>
                    </Server>
                    <Server>
                      <Host>vault.acme.test</Host>
                      <User>crypt</User>
                      <Pass encoding="crypt" pubkey="abc">%s</Pass>
                    </Server>
                  </Servers>
                </FileZilla3>
                """.formatted(b64(pw), plain, crypt));
        Finding f = a.finding(pw);
        assertThat(f.rule().id()).isEqualTo("filezilla-server-password");
        assertThat(f.location().details()).containsEntry("encoding", "base64").containsEntry("resource", "site prod sftp");
        check(f, "password", "high", 10, "host=sftp.acme.test:22@6", "user=deploy@9");
        check(a.finding(plain), "password", "high", 18, "host=ftp.acme.test:21@15", "user=legacy@17");
        Finding c = a.finding(crypt);
        check(c, "password", "low", 23, "host=vault.acme.test@21", "user=crypt@22");
        assertThat(c.attributes()).containsEntry("encrypted", "true");
    }

    @Test
    void recentServersAndXxeIsNotResolved() {
        String pw = TestSecrets.alnum(16);
        Analysis a = Analysis.of("home/.config/filezilla/recentservers.xml", """
                <?xml version="1.0"?>
                <!DOCTYPE FileZilla3 [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>
                <FileZilla3><RecentServers><Server><Host>&xxe;</Host><User>u</User>
                <Pass encoding="base64">%s</Pass></Server></RecentServers></FileZilla3>
                """.formatted(b64(pw)));
        // the entity is never read: the document is refused, with a warning, and nothing from /etc shows up
        assertThat(a.warnings()).extracting(w -> w.code()).contains("credential-file-malformed");
        assertThat(a.findings()).noneMatch(x -> x.rule().id().equals("filezilla-server-password"));
        Analysis ok = Analysis.of("home/.config/filezilla/recentservers.xml", """
                <?xml version="1.0"?>
                <!DOCTYPE FileZilla3>
                <FileZilla3><RecentServers><Server><Host>h.acme.test</Host><Port>990</Port><User>u1</User>
                <Pass encoding="base64">%s</Pass></Server></RecentServers></FileZilla3>
                """.formatted(b64(pw)));
        check(ok.finding(pw), "password", "high", 4, "host=h.acme.test:990@3", "user=u1@3");
    }

    @Test
    void dbeaverJsonAndXml() {
        String pw = TestSecrets.password();
        Analysis a = Analysis.of("workspace6/General/.dbeaver/data-sources.json", """
                {
                  "folders": {},
                  "connections": {
                    "postgres-jdbc-18c1": {
                      "provider": "postgresql",
                      "driver": "postgres-jdbc",
                      "name": "billing prod",
                      "save-password": true,
                      "configuration": {
                        "host": "db.acme.test",
                        "port": "5432",
                        "database": "billing",
                        "url": "jdbc:postgresql://db.acme.test:5432/billing",
                        "user": "svc-billing",
                        "password": "%s",
                        "auth-model": "native"
                      }
                    }
                  }
                }
                """.formatted(pw));
        Finding f = a.finding(pw);
        assertThat(f.rule().id()).isEqualTo("dbeaver-connection-password");
        check(f, "password", "high", 15, "host=db.acme.test:5432@10", "user=svc-billing@14", "account=billing@12");
        String pw2 = TestSecrets.alnum(14);
        Analysis x = Analysis.of("home/.dbeaver-data-sources.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <data-sources>
                  <data-source id="mysql-1" provider="mysql" name="crm">
                    <connection host="mysql.acme.test" port="3306" server="" database="crm" user="crm_app" password="%s"/>
                  </data-source>
                </data-sources>
                """.formatted(pw2));
        check(x.finding(pw2), "password", "high", 4, "host=mysql.acme.test:3306@4", "user=crm_app@4", "account=crm@4");
    }

    @Test
    void firefoxLogins() {
        String enc = "MDoEEPgAAAAAAAAAAAAAAAAAAAEwFAYIKoZIhvcNAwcECA" + TestSecrets.alnum(20) + "==";
        Analysis a = Analysis.of("profile.default/logins.json", """
                {"nextId":3,"logins":[{"id":1,"hostname":"https://intranet.acme.test","httpRealm":null,
                "formSubmitURL":"https://intranet.acme.test","usernameField":"user","passwordField":"pass",
                "encryptedUsername":"MDoEEPgAAAAAAAAAAAAAAAAAAAEwFAYIKoZIhvcNAwcECBm",
                "encryptedPassword":"%s","guid":"{a}","encType":1}],"version":3}
                """.formatted(enc));
        Finding f = a.finding(enc);
        check(f, "password", "medium", 4, "host=intranet.acme.test@1");
        assertThat(f.attributes()).containsEntry("encrypted", "nss");
    }

    @Test
    void puttyKeyFiles() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("Ed25519");
        byte[] pubBlob = sshEd25519Blob(g.generateKeyPair().getPublic().getEncoded());
        String pub = Base64.getEncoder().encodeToString(pubBlob);
        String priv = Base64.getEncoder().encodeToString(TestSecrets.alnum(48).getBytes(StandardCharsets.US_ASCII));
        String mac = TestSecrets.hex(64);
        String header = "PuTTY-User-Key-File-3";
        String file = header + ": ssh-ed25519\nEncryption: none\nComment: ops@laptop\nPublic-Lines: 2\n"
                + pub.substring(0, 40) + "\n" + pub.substring(40) + "\nPrivate-Lines: 1\n" + priv + "\nPrivate-MAC: " + mac + "\n";
        Analysis a = Analysis.of("keys/deploy.ppk", file);
        Finding f = a.findings().stream().filter(x -> x.rule().category().label().equals("private-key")).findFirst()
                .orElseThrow(() -> new AssertionError(a.describe()));
        String fp = PuttyKeyAnalyzer.fingerprint(pub);
        assertThat(fp).startsWith("SHA256:");
        assertThat(f.confidence().label()).isEqualTo("high");
        assertThat(f.location().line()).isEqualTo(1);
        assertThat(ids(f)).containsExactlyInAnyOrder("key-id=ops@laptop@3", "key-id=" + fp + "@1");
        String encrypted = file.replace("Encryption: none", "Encryption: aes256-cbc")
                .replace("Private-Lines", "Key-Derivation: Argon2id\nArgon2-Memory: 8192\nArgon2-Passes: 13\n"
                        + "Argon2-Parallelism: 1\nArgon2-Salt: " + TestSecrets.hex(32) + "\nPrivate-Lines");
        Analysis e = Analysis.of("keys/deploy.ppk", encrypted);
        Finding ef = e.findings().stream().filter(x -> x.rule().category().label().equals("private-key")).findFirst()
                .orElseThrow(() -> new AssertionError(e.describe()));
        // the private-key rule names the block (and says it is encrypted); the analyzer adds the identities
        assertThat(ef.attributes()).containsEntry("encrypted", "true");
        assertThat(ids(ef)).contains("key-id=ops@laptop@3");
        // a key file that states no private lines holds no private key
        Analysis none = Analysis.of("keys/public-only.ppk", file.replace("Private-Lines: 1\n" + priv + "\n", "Private-Lines: 0\n"));
        assertThat(none.findings()).as(none.describe()).isEmpty();
        assertThat(Analysis.of("keys/broken.ppk", "not a key\n").warnings()).extracting(w -> w.code())
                .contains("credential-file-malformed");
    }

    /** The SSH wire form of an Ed25519 public key from its X.509 encoding (the last 32 bytes). */
    static byte[] sshEd25519Blob(byte[] x509) {
        byte[] type = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + type.length + 4 + 32);
        b.putInt(type.length).put(type).putInt(32).put(x509, x509.length - 32, 32);
        return b.array();
    }

    @Test
    void railsMasterKey() {
        String key = TestSecrets.hex(32);
        Analysis a = Analysis.of("app/config/master.key", key + "\n");
        Finding f = a.finding(key);
        assertThat(f.rule().id()).isEqualTo("rails-master-key");
        assertThat(f.rule().category().label()).isEqualTo("generic-secret");
        assertThat(f.confidence().label()).isEqualTo("high");
        String env = TestSecrets.hex(32);
        assertThat(Analysis.of("app/config/credentials/production.key", env).finding(env).location().details())
                .containsEntry("resource", "credentials production");
        Analysis bad = Analysis.of("app/config/master.key", "not-a-key\n");
        assertThat(bad.warnings()).extracting(w -> w.code()).contains("credential-file-malformed");
    }

    @Test
    void myCnf() {
        String pw = TestSecrets.password();
        Analysis a = Analysis.of("home/.my.cnf", """
                [client]
                user = reporting
                password = "%s"
                host = mysql.acme.test

                [mysqld]
                port = 3306
                """.formatted(pw));
        Finding f = a.finding(pw);
        check(f, "password", "high", 3, "user=reporting@2", "host=mysql.acme.test@4");
        assertThat(f.location().details()).containsEntry("resource", "[client]");
    }

    @Test
    void pgpassWithEscapes() {
        String pw = TestSecrets.password() + ":" + TestSecrets.alnum(6);
        Analysis a = Analysis.of("home/.pgpass", "# host:port:db:user:password\n"
                + "db.acme.test:5432:orders:orders_rw:" + pw.replace(":", "\\:") + "\n"
                + "*:*:*:replicator:" + "${PGPASS}\n" + "only:three:fields\n");
        check(a.finding(pw), "password", "high", 2, "host=db.acme.test:5432@2", "user=orders_rw@2", "account=orders@2");
        assertThat(a.warnings()).extracting(w -> w.code()).contains("credential-file-malformed");
    }

    @Test
    void rcloneRemotes() {
        String secret = TestSecrets.alnum(40);
        String keyId = TestSecrets.awsAccessKeyId();
        String refresh = "1//0" + TestSecrets.alnum(60);
        String obscured = TestSecrets.alnum(30);
        Analysis a = Analysis.of("home/.config/rclone/rclone.conf", """
                [backups]
                type = s3
                provider = Minio
                access_key_id = %s
                secret_access_key = %s
                endpoint = https://minio.acme.test:9000

                [gdrive]
                type = drive
                client_id = 1234-app.apps.example.test
                token = {"access_token":"ya29.%s","token_type":"Bearer","refresh_token":"%s","expiry":"2026-01-01T00:00:00Z"}

                [nas]
                type = sftp
                host = nas.acme.test
                user = backup
                pass = %s
                """.formatted(keyId, secret, TestSecrets.alnum(30), refresh, obscured));
        Finding s = a.finding(secret);
        check(s, "api-key", "medium", 5, "key-id=" + keyId + "@4", "host=minio.acme.test:9000@6");
        assertThat(s.location().details()).containsEntry("resource", "remote backups");
        check(a.finding(refresh), "token", "medium", 11, "client-id=1234-app.apps.example.test@10");
        Finding p = a.finding(obscured);
        check(p, "password", "high", 17, "host=nas.acme.test@15", "user=backup@16");
        assertThat(p.attributes()).containsEntry("encoding", "rclone-obscured");
    }

    @Test
    void s3cfgAndBoto() {
        String secret = TestSecrets.alnum(40);
        String id = TestSecrets.alnum(20).toUpperCase();
        Analysis a = Analysis.of("home/.s3cfg", """
                [default]
                access_key = %s
                secret_key = %s
                host_base = s3.acme.test
                host_bucket = %%(bucket)s.s3.acme.test
                """.formatted(id, secret));
        check(a.finding(secret), "api-key", "high", 3, "key-id=" + id + "@2", "host=s3.acme.test@4");
        String gs = TestSecrets.alnum(40);
        String gsId = "GOOG" + TestSecrets.alnum(20).toUpperCase();
        Analysis b = Analysis.of("home/.boto", "[Credentials]\ngs_access_key_id = " + gsId + "\ngs_secret_access_key = " + gs + "\n");
        check(b.finding(gs), "api-key", "medium", 3, "key-id=" + gsId + "@2");
    }

    @Test
    void mavenSettingsPlainEncryptedAndMaster() {
        String pw = TestSecrets.password();
        String enc = "{" + TestSecrets.alnum(40) + "=}";
        Analysis a = Analysis.of("home/.m2/settings.xml", """
                <settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
                  <servers>
                    <server>
                      <id>nexus-releases</id>
                      <username>deployer</username>
                      <password>%s</password>
                    </server>
                    <server>
                      <id>ossrh</id>
                      <username>acme-bot</username>
                      <password>%s</password>
                    </server>
                    <server>
                      <id>env</id>
                      <username>ci</username>
                      <password>${env.NEXUS_PASSWORD}</password>
                    </server>
                  </servers>
                </settings>
                """.formatted(pw, enc));
        check(a.finding(pw), "password", "high", 6, "host=nexus-releases@4", "user=deployer@5");
        Finding e = a.finding(enc);
        check(e, "password", "low", 11, "host=ossrh@9", "user=acme-bot@10");
        assertThat(e.attributes()).containsEntry("encrypted", "true");
        assertThat(a.findings()).as(a.describe()).hasSize(2);
        String master = "{" + TestSecrets.alnum(44) + "}";
        Analysis m = Analysis.of("home/.m2/settings-security.xml", "<settingsSecurity>\n  <master>" + master
                + "</master>\n</settingsSecurity>\n");
        assertThat(m.finding(master).confidence().label()).isEqualTo("low");
    }

    @Test
    void gradleProperties() {
        String pw = TestSecrets.password();
        String sign = TestSecrets.alnum(16);
        String proxy = TestSecrets.alnum(14);
        Analysis a = Analysis.of("home/.gradle/gradle.properties", """
                org.gradle.jvmargs=-Xmx2g
                ossrhUsername=acme-release
                ossrhPassword=%s
                signing.keyId=24875D73
                signing.password=%s
                signing.secretKeyRingFile=/home/ci/.gnupg/secring.gpg
                systemProp.https.proxyHost=proxy.acme.test
                systemProp.https.proxyUser=proxyuser
                systemProp.https.proxyPassword=%s
                """.formatted(pw, sign, proxy));
        check(a.finding(pw), "password", "high", 3, "user=acme-release@2");
        check(a.finding(sign), "password", "high", 5, "key-id=24875D73@4");
        check(a.finding(proxy), "password", "high", 9, "host=proxy.acme.test@7", "user=proxyuser@8");
        assertThat(a.findings()).as(a.describe()).hasSize(3);
    }

    @Test
    void sbtCredentialsSmbAndHgrc() {
        String pw = TestSecrets.alnum(16);
        Analysis a = Analysis.of("home/.sbt/.credentials",
                "realm=Sonatype Nexus Repository Manager\nhost=nexus.acme.test\nuser=sbt-bot\npassword=" + pw + "\n");
        check(a.finding(pw), "password", "high", 4, "account=Sonatype Nexus Repository Manager@1", "host=nexus.acme.test@2",
                "user=sbt-bot@3");
        String smb = TestSecrets.password();
        Analysis s = Analysis.of("root/.smbcredentials", "username=backup\npassword=" + smb + "\ndomain=ACME\n");
        check(s.finding(smb), "password", "high", 2, "user=backup@1", "account=ACME@3");
        String hg = TestSecrets.alnum(18);
        Analysis h = Analysis.of("home/.hgrc", "[ui]\nusername = Dev <dev@acme.test>\n\n[auth]\nacme.prefix = https://hg.acme.test/repos\n"
                + "acme.username = dev\nacme.password = " + hg + "\n");
        check(h.finding(hg), "password", "high", 7, "host=hg.acme.test@5", "user=dev@6");
    }

    @Test
    void pypirc() {
        String token = "pypi-AgEIcHlwaS5vcmc" + TestSecrets.alnum(60);
        String pw = TestSecrets.password();
        Analysis a = Analysis.of("home/.pypirc", """
                [distutils]
                index-servers =
                    pypi
                    internal

                [pypi]
                username = __token__
                password = %s

                [internal]
                repository = https://pypi.acme.test/simple/
                username = uploader
                password = %s
                """.formatted(token, pw));
        assertThat(ids(a.finding(token))).containsExactlyInAnyOrder("user=__token__@7", "host=upload.pypi.org@6");
        check(a.finding(pw), "password", "high", 13, "host=pypi.acme.test@11", "user=uploader@12");
    }

    @Test
    void gemCargoTerraformKaggle() {
        String gem = "rubygems_" + TestSecrets.hex(48);
        String gh = TestSecrets.alnum(36);
        Analysis a = Analysis.of("home/.gem/credentials", "---\n:rubygems_api_key: " + gem
                + "\nhttps://rubygems.pkg.acme.test/acme: Bearer " + gh + "\n");
        assertThat(ids(a.finding(gem))).containsExactly("host=rubygems.org@2");
        check(a.finding(gh), "api-key", "high", 3, "host=rubygems.pkg.acme.test@3");
        String cargo = "cio" + TestSecrets.alnum(32);
        Analysis c = Analysis.of("home/.cargo/credentials.toml", "[registry]\ntoken = \"" + cargo + "\"\n");
        check(c.finding(cargo), "token", "high", 2, "host=crates.io@1");
        String tf = TestSecrets.alnum(14) + ".atlasv1." + TestSecrets.alnum(60);
        Analysis t = Analysis.of("home/.terraform.d/credentials.tfrc.json", "{\n  \"credentials\": {\n    \"app.terraform.io\": {\n"
                + "      \"token\": \"" + tf + "\"\n    }\n  }\n}\n");
        assertThat(ids(t.finding(tf))).containsExactly("host=app.terraform.io@3");
        String tf2 = TestSecrets.alnum(40);
        Analysis t2 = Analysis.of("home/.terraformrc", "credentials \"tfe.acme.test\" {\n  token = \"" + tf2 + "\"\n}\n");
        check(t2.finding(tf2), "token", "high", 2, "host=tfe.acme.test@1");
        String kg = TestSecrets.hex(32);
        Analysis k = Analysis.of("home/.kaggle/kaggle.json", "{\"username\":\"datasci\",\"key\":\"" + kg + "\"}");
        check(k.finding(kg), "api-key", "high", 1, "user=datasci@1");
    }

    @Test
    void ghHostsAndHub() {
        String t1 = "gho_" + TestSecrets.alnum(36);
        String t2 = TestSecrets.alnum(40);
        Analysis a = Analysis.of("home/.config/gh/hosts.yml", """
                github.com:
                    git_protocol: https
                    users:
                        octo-ops:
                            oauth_token: %s
                    user: octo-ops
                ghe.acme.test:
                    oauth_token: %s
                    user: admin-bot
                """.formatted(t1, t2));
        assertThat(ids(a.finding(t1))).contains("host=github.com@1");
        check(a.finding(t2), "token", "high", 8, "host=ghe.acme.test@7", "user=admin-bot@9");
        String hub = TestSecrets.alnum(40);
        Analysis h = Analysis.of("home/.config/hub", "github.com:\n- user: hubber\n  oauth_token: " + hub + "\n  protocol: https\n");
        check(h.finding(hub), "token", "high", 3, "host=github.com@1", "user=hubber@2");
    }

    @Test
    void awsCredentialsAndConfig() {
        String id = TestSecrets.awsAccessKeyId();
        String secret = TestSecrets.alnum(40);
        String session = TestSecrets.alnum(200);
        Analysis a = Analysis.of("home/.aws/credentials", """
                [default]
                aws_access_key_id = %s
                aws_secret_access_key = %s

                [temp]
                aws_access_key_id = ASIA%s
                aws_secret_access_key = ${AWS_SECRET}
                aws_session_token = %s
                """.formatted(id, secret, TestSecrets.BASE32.substring(0, 16), session));
        Finding s = a.finding(secret);
        assertThat(s.rule().category().label()).isEqualTo("api-key");
        assertThat(s.location().line()).isEqualTo(3);
        assertThat(ids(s)).containsExactly("key-id=" + id + "@2");
        assertThat(s.location().details()).containsEntry("resource", "profile default");
        Finding t = a.finding(session);
        assertThat(ids(t)).containsExactly("key-id=ASIA" + TestSecrets.BASE32.substring(0, 16) + "@6");
        Finding keyId = a.finding(id);
        assertThat(ids(keyId)).as("the key id is not its own identity").isEmpty();
        String s2 = TestSecrets.alnum(40);
        String id2 = TestSecrets.awsAccessKeyId();
        Analysis c = Analysis.of("home/.aws/config", "[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/deploy\n"
                + "aws_access_key_id=" + id2 + "\naws_secret_access_key=" + s2 + "\nregion = eu-west-1\n");
        assertThat(ids(c.finding(s2))).containsExactlyInAnyOrder("key-id=" + id2 + "@3", "account=123456789012@2");
        assertThat(c.finding(s2).location().details()).containsEntry("resource", "profile deploy");
        // content first: a file called `credentials` anywhere is AWS's when it holds AWS keys
        String s3 = TestSecrets.alnum(40);
        String id3 = TestSecrets.awsAccessKeyId();
        Analysis any = Analysis.of("backup/ops/credentials", "[ops]\naws_access_key_id=" + id3 + "\naws_secret_access_key=" + s3 + "\n");
        assertThat(ids(any.finding(s3))).containsExactly("key-id=" + id3 + "@2");
        assertThat(Analysis.of("backup/ops/credentials", "just notes\n").warnings()).isEmpty();
    }

    @Test
    void gcloudServiceAccountAndAuthorizedUser() {
        String pem = TestSecrets.rsaPrivateKeyPem();
        String keyId = TestSecrets.hex(40);
        String json = """
                {
                  "type": "service_account",
                  "project_id": "acme-billing",
                  "private_key_id": "%s",
                  "private_key": "%s",
                  "client_email": "billing-sa@acme-billing.iam.gserviceaccount.com",
                  "client_id": "104829384756102938475",
                  "token_uri": "https://oauth2.googleapis.com/token"
                }
                """.formatted(keyId, pem.replace("\n", "\\n"));
        Analysis a = Analysis.of("deploy/acme-billing-3f2a1b.json", json);
        // the key id is reported by the service-account rule (its identities: all but itself); the PEM by the PEM rule
        assertThat(ids(a.finding(keyId))).doesNotContain("key-id=" + keyId + "@4").contains("account=acme-billing@3");
        Finding f = a.findings().stream().filter(x -> x.secret().reveal().startsWith("-----BEGIN")).findFirst()
                .orElseThrow(() -> new AssertionError(a.describe()));
        assertThat(f.location().line()).as(a.describe()).isEqualTo(5);
        assertThat(ids(f)).containsExactlyInAnyOrder("account=acme-billing@3", "key-id=" + keyId + "@4",
                "user=billing-sa@acme-billing.iam.gserviceaccount.com@6", "client-id=104829384756102938475@7");
        String refresh = "1//0" + TestSecrets.alnum(80);
        String clientSecret = "d-" + TestSecrets.alnum(22);
        Analysis u = Analysis.of("home/.config/gcloud/application_default_credentials.json", """
                {
                  "client_id": "764086051850-abc.apps.googleusercontent.com",
                  "client_secret": "%s",
                  "quota_project_id": "acme-dev",
                  "refresh_token": "%s",
                  "type": "authorized_user"
                }
                """.formatted(clientSecret, refresh));
        check(u.finding(refresh), "token", "medium", 5, "client-id=764086051850-abc.apps.googleusercontent.com@2",
                "account=acme-dev@4");
        assertThat(u.finding(clientSecret).rule().category().label()).isEqualTo("generic-secret");
    }

    @Test
    void azureCliCaches() {
        String refresh = "0.A" + TestSecrets.alnum(120);
        String tenant = java.util.UUID.randomUUID().toString();
        String client = java.util.UUID.randomUUID().toString();
        Analysis a = Analysis.of("home/.azure/msal_token_cache.json", """
                {
                  "Account": {
                    "uid.utid-login.microsoftonline.com-utid": {
                      "home_account_id": "uid.utid",
                      "environment": "login.microsoftonline.com",
                      "realm": "%s",
                      "username": "ops@acme.test",
                      "authority_type": "MSSTS"
                    }
                  },
                  "RefreshToken": {
                    "uid.utid-login.microsoftonline.com-refreshtoken-%s--": {
                      "credential_type": "RefreshToken",
                      "secret": "%s",
                      "home_account_id": "uid.utid",
                      "environment": "login.microsoftonline.com",
                      "client_id": "%s"
                    }
                  }
                }
                """.formatted(tenant, client, refresh, client));
        check(a.finding(refresh), "token", "high", 14, "user=ops@acme.test@7", "client-id=" + client + "@17");
        String spSecret = TestSecrets.alnum(8) + "~" + TestSecrets.alnum(31);
        Analysis sp = Analysis.of("home/.azure/service_principal_entries.json",
                "[{\"client_id\": \"" + client + "\", \"tenant\": \"" + tenant + "\", \"client_secret\": \"" + spSecret + "\"}]");
        check(sp.finding(spSecret), "generic-secret", "high", 1, "client-id=" + client + "@1", "account=" + tenant + "@1");
        assertThat(Analysis.of("home/.azure/azureProfile.json", "{\"subscriptions\": [{\"id\": \"" + tenant
                + "\", \"tenantId\": \"" + tenant + "\", \"user\": {\"name\": \"ops@acme.test\"}}]}").findings()).isEmpty();
    }

    @Test
    void dockerConfigIdentities() {
        String pw = TestSecrets.password();
        Analysis a = Analysis.of("home/.docker/config.json", """
                {
                  "auths": {
                    "https://index.docker.io/v1/": {
                      "auth": "%s"
                    },
                    "registry.acme.test": {"auth": "%s"}
                  },
                  "credsStore": "desktop"
                }
                """.formatted(b64("octo:" + pw), b64("robot$ci:" + TestSecrets.alnum(30))));
        check(a.finding(pw), "password", "high", 4, "host=index.docker.io@3", "user=octo@4");
    }

    @Test
    void kubeconfigUserClusterThroughContext() {
        String token = TestSecrets.alnum(40);
        Analysis a = Analysis.of("home/.kube/config", """
                apiVersion: v1
                kind: Config
                clusters:
                - name: prod
                  cluster:
                    server: https://k8s.acme.test:6443
                - name: dev
                  cluster:
                    server: https://dev.acme.test
                contexts:
                - name: prod-admin
                  context:
                    cluster: prod
                    user: admin
                users:
                - name: admin
                  user:
                    token: %s
                """.formatted(token));
        Finding f = a.finding(token);
        assertThat(f.location().line()).isEqualTo(18);
        assertThat(ids(f)).containsExactlyInAnyOrder("user=admin@16", "host=k8s.acme.test:6443@6");
    }

    @Test
    void npmrcYarnrcComposerNuget() {
        String token = "npm_" + TestSecrets.alnum(36);
        String pw = TestSecrets.password();
        Analysis a = Analysis.of("home/.npmrc", "registry=https://registry.npmjs.org/\n"
                + "//registry.npmjs.org/:_authToken=" + token + "\n"
                + "//nexus.acme.test/repository/npm/:username=publisher\n"
                + "//nexus.acme.test/repository/npm/:_password=" + b64(pw) + "\n");
        check(a.finding(token), "token", "high", 2, "host=registry.npmjs.org@2");
        check(a.finding(pw), "password", "high", 4, "host=nexus.acme.test@4", "user=publisher@3");
        String yt = TestSecrets.alnum(36);
        Analysis y = Analysis.of("repo/.yarnrc.yml", "npmScopes:\n  acme:\n    npmRegistryServer: \"https://npm.acme.test\"\n"
                + "    npmAuthToken: \"" + yt + "\"\n");
        check(y.finding(yt), "token", "high", 4, "host=npm.acme.test@3");
        String cpw = TestSecrets.password();
        Analysis c = Analysis.of("home/.composer/auth.json", """
                {
                  "http-basic": {
                    "repo.acme.test": {"username": "composer-bot", "password": "%s"}
                  },
                  "github-oauth": {"github.com": "${GITHUB_TOKEN}"}
                }
                """.formatted(cpw));
        check(c.finding(cpw), "password", "high", 3, "host=repo.acme.test@3", "user=composer-bot@3");
        assertThat(c.findings()).hasSize(1);
        String npw = TestSecrets.password();
        Analysis n = Analysis.of("src/NuGet.Config", """
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="Acme Feed" value="https://nuget.acme.test/v3/index.json" />
                  </packageSources>
                  <packageSourceCredentials>
                    <Acme_x0020_Feed>
                      <add key="Username" value="feed-reader" />
                      <add key="ClearTextPassword" value="%s" />
                    </Acme_x0020_Feed>
                  </packageSourceCredentials>
                </configuration>
                """.formatted(npw));
        check(n.finding(npw), "password", "high", 9, "host=nuget.acme.test@7", "user=feed-reader@8");
    }

    @Test
    void helmRepositoriesDatabricksHtpasswdWpConfig() {
        String pw = TestSecrets.password();
        Analysis h = Analysis.of("home/.config/helm/repositories.yaml", """
                apiVersion: ""
                generated: "2026-01-01T00:00:00Z"
                repositories:
                - name: acme
                  url: https://charts.acme.test/stable
                  username: chart-reader
                  password: %s
                """.formatted(pw));
        check(h.finding(pw), "password", "high", 7, "user=chart-reader@6", "host=charts.acme.test@5");
        String dt = "dapi" + TestSecrets.hex(32);
        Analysis d = Analysis.of("home/.databrickscfg", "[DEFAULT]\nhost = https://adb-123.azuredatabricks.net\ntoken = " + dt + "\n");
        assertThat(ids(d.finding(dt))).containsExactly("host=adb-123.azuredatabricks.net@2");
        String hash = "$apr1$" + TestSecrets.alnum(8) + "$" + TestSecrets.alnum(22);
        Analysis ht = Analysis.of("site/.htpasswd", "admin:" + hash + "\n");
        Finding hf = ht.finding(hash);
        assertThat(ids(hf)).containsExactly("user=admin@1");
        assertThat(hf.confidence().label()).isEqualTo("low");
        String db = TestSecrets.password();
        String salt = TestSecrets.alnum(40) + "!@#";
        Analysis w = Analysis.of("www/wp-config.php", """
                <?php
                define( 'DB_NAME', 'wordpress' );
                define( 'DB_USER', 'wp_app' );
                define( 'DB_PASSWORD', '%s' );
                define( 'DB_HOST', 'mysql.acme.test' );
                define( 'AUTH_KEY',         '%s' );
                define( 'SECURE_AUTH_KEY',  'put your unique phrase here' );
                """.formatted(db, salt));
        check(w.finding(db), "password", "high", 4, "user=wp_app@3", "host=mysql.acme.test@5", "account=wordpress@2");
        assertThat(w.finding(salt).rule().category().label()).isEqualTo("generic-secret");
        assertThat(w.findings()).as(w.describe()).hasSize(2);
    }

    @Test
    void placeholdersEmptyAndTemplatesAreSilent() {
        Analysis.of("home/.my.cnf", "[client]\nuser = app\npassword =\n").assertSilent();
        Analysis.of("home/.my.cnf", "[client]\nuser = app\npassword = ${MYSQL_PASSWORD}\n").assertSilent();
        Analysis.of("home/.pypirc", "[pypi]\nusername = __token__\npassword = <your-token>\n").assertSilent();
        Analysis.of("home/.netrc", "machine example.com login me password changeme\n").assertSilent();
        Analysis.of("home/.aws/credentials", "[default]\naws_access_key_id = ${AWS_KEY}\naws_secret_access_key = ${AWS_SECRET}\n")
                .assertSilent();
        Analysis.of("home/.docker/config.json", "{\"auths\": {\"ghcr.io\": {}}, \"credsStore\": \"osxkeychain\"}").assertSilent();
        Analysis.of("home/.config/gh/hosts.yml", "github.com:\n  oauth_token: {{ .Token }}\n  user: me\n").assertSilent();
        Analysis.of("www/wp-config.php", "<?php\ndefine('DB_PASSWORD', 'password_here');\ndefine('AUTH_KEY', 'put your unique phrase here');\n")
                .assertSilent();
        Analysis.of("home/.pgpass", "").assertSilent();
    }

    @Test
    void malformedInputNeverCrashes() {
        String junk = "\u0000{[<<\"'\\\n:::=\n[unclosed\n<a><b></a>\n" + "x".repeat(5000);
        for (String name : new String[] {"home/.netrc", "home/.git-credentials", "home/.my.cnf", "home/.pgpass",
            "home/.msmtprc", "home/.esmtprc", "x/recentservers.xml", "x/sitemanager.xml", "home/.m2/settings.xml",
            "x/NuGet.Config", "x/data-sources.json", "x/logins.json", "x/deploy.ppk", "app/config/master.key",
            "home/.aws/credentials", "home/.config/rclone/rclone.conf", "home/.s3cfg", "home/.pypirc",
            "home/.gem/credentials", "home/.config/gh/hosts.yml", "home/.npmrc", "x/.yarnrc.yml", "x/auth.json",
            "home/.azure/msal_token_cache.json", "x/application_default_credentials.json", "x/wp-config.php",
            "x/.htpasswd", "x/gradle.properties", "home/.hgrc", "home/.fetchmailrc", "x/kaggle.json",
            "home/.terraformrc", "home/.databrickscfg"}) {
            Analysis a = Analysis.of(name, junk);
            assertThat(a.warnings()).as(name).noneMatch(w -> w.code().equals("analyzer-error"));
        }
        // a file that does not claim a format by its name gives no warning
        assertThat(Analysis.of("src/notes.cnf", junk).warnings()).noneMatch(w -> w.code().equals("credential-file-malformed"));
        assertThat(Analysis.of("src/settings.xml", "<settings><servers><server><password>x</oops>").warnings())
                .noneMatch(w -> w.code().equals("credential-file-malformed"));
    }
}
