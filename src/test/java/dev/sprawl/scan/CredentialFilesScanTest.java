package dev.sprawl.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sprawl.TestSecrets;
import dev.sprawl.detect.SecretValue;
import dev.sprawl.inventory.Inventory;
import dev.sprawl.report.JsonReporter;
import dev.sprawl.report.ReportOptions;
import dev.sprawl.rules.RuleCatalog;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A home folder with the credential files of everyday tools, scanned end to end: each planted
 * secret is in the JSON inventory once, with the {@code identity} array of its record, and no
 * secret value appears in the report.
 */
class CredentialFilesScanTest {

    /** An element name, kept out of the literal so the self-scan does not read a test line as a settings file. */
    private static final String PW = "password";

    @TempDir
    Path dir;

    /** secret → the identities expected on its location, as kind=value@line. */
    private final Map<String, Set<String>> planted = new LinkedHashMap<>();

    private String plant(String secret, String... identities) {
        planted.put(secret, Set.of(identities));
        return secret;
    }

    private void write(String rel, String content) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyFormatCarriesItsIdentities() throws Exception {
        String keyId = TestSecrets.awsAccessKeyId();
        write(".git-credentials", "https://ci-bot:" + plant(TestSecrets.alnum(20), "user=ci-bot@1", "host=git.acme.test@1")
                + "@git.acme.test\n");
        write(".netrc", "machine api.acme.test\n  login svc-billing\n  password "
                + plant(TestSecrets.alnum(18), "host=api.acme.test@1", "user=svc-billing@2") + "\n");
        write(".pgpass", "db.acme.test:5432:orders:orders_rw:"
                + plant(TestSecrets.password(), "host=db.acme.test:5432@1", "user=orders_rw@1", "account=orders@1") + "\n");
        write(".my.cnf", "[client]\nuser = reporting\npassword = "
                + plant(TestSecrets.password(), "user=reporting@2", "host=mysql.acme.test@4") + "\nhost = mysql.acme.test\n");
        write(".aws/credentials", "[default]\naws_access_key_id = " + keyId + "\naws_secret_access_key = "
                + plant(TestSecrets.alnum(40), "key-id=" + keyId + "@2") + "\n");
        write(".docker/config.json", "{\"auths\": {\"registry.acme.test\": {\"auth\": \""
                + b64("robot:" + plant(TestSecrets.password(), "host=registry.acme.test@1", "user=robot@1")) + "\"}}}\n");
        write(".config/filezilla/sitemanager.xml", "<?xml version=\"1.0\"?>\n<FileZilla3><Servers><Server>\n"
                + "<Host>sftp.acme.test</Host><Port>22</Port><User>deploy</User>\n<Pass encoding=\"base64\">"
                + b64(plant(TestSecrets.password(), "host=sftp.acme.test:22@3", "user=deploy@3"))
                + "</Pass>\n</Server></Servers></FileZilla3>\n");
        write(".m2/settings.xml", "<settings>\n<servers>\n<server>\n<id>nexus</id>\n<username>deployer</username>\n"
                + "<" + PW + ">" + plant(TestSecrets.password(), "host=nexus@4", "user=deployer@5") + "</" + PW + ">\n"
                + "</server>\n</servers>\n</settings>\n");
        write(".config/gh/hosts.yml", "ghe.acme.test:\n  oauth_token: "
                + plant(TestSecrets.alnum(40), "host=ghe.acme.test@1", "user=octo@3") + "\n  user: octo\n");
        write(".kube/config", "apiVersion: v1\nkind: Config\nclusters:\n- name: prod\n  cluster:\n"
                + "    server: https://k8s.acme.test:6443\ncontexts:\n- name: p\n  context:\n    cluster: prod\n    user: admin\n"
                + "users:\n- name: admin\n  user:\n    token: "
                + plant(TestSecrets.alnum(40), "user=admin@13", "host=k8s.acme.test:6443@6") + "\n");
        write(".pypirc", "[internal]\nrepository = https://pypi.acme.test/simple/\nusername = uploader\npassword = "
                + plant(TestSecrets.password(), "host=pypi.acme.test@2", "user=uploader@3") + "\n");
        write(".npmrc", "//nexus.acme.test/npm/:username=publisher\n//nexus.acme.test/npm/:_password="
                + b64(plant(TestSecrets.password(), "host=nexus.acme.test@2", "user=publisher@1")) + "\n");
        write(".config/rclone/rclone.conf", "[nas]\ntype = sftp\nhost = nas.acme.test\nuser = backup\nkey_file_pass = "
                + plant(TestSecrets.password(), "host=nas.acme.test@3", "user=backup@4") + "\n");
        write("www/wp-config.php", "<?php\ndefine('DB_USER', 'wp');\ndefine('DB_PASSWORD', '"
                + plant(TestSecrets.password(), "user=wp@2", "host=localhost@4") + "');\ndefine('DB_HOST', 'localhost');\n");

        Inventory inv = new Scanner(Clock.systemUTC()).scan(new ScanRequest(List.of(dir), List.of("."),
                RuleCatalog.load(RuleCatalog.builtinSources()), List.of(), ScanRequest.DEFAULT_MAX_FILE_SIZE, 2, null));
        StringWriter json = new StringWriter();
        new JsonReporter(new ReportOptions(false, false, "test")).write(inv, json);
        String report = json.toString();
        JsonNode root = new ObjectMapper().readTree(report);
        assertThat(root.at("/scan/complete").asBoolean()).isTrue();
        for (Map.Entry<String, Set<String>> e : planted.entrySet()) {
            String fp = new SecretValue(e.getKey()).fingerprint();
            assertThat(report).as("no secret value in the report").doesNotContain(e.getKey());
            List<JsonNode> entries = new ArrayList<>();
            root.get("secrets").forEach(s -> {
                if (s.get("fingerprint").asText().equals(fp)) {
                    entries.add(s);
                }
            });
            assertThat(entries).as("entry of the secret planted with %s", e.getValue()).hasSize(1);
            JsonNode locations = entries.get(0).get("locations");
            assertThat(locations).hasSize(1);
            List<String> ids = new ArrayList<>();
            JsonNode identity = locations.get(0).get("identity");
            assertThat(identity).as("identity of %s", locations.get(0).get("path")).isNotNull();
            assertThat(identity.isArray()).isTrue();
            identity.forEach(i -> ids.add(i.get("kind").asText() + "=" + i.get("value").asText() + "@" + i.get("line").asInt()));
            assertThat(ids).as("identities at %s", locations.get(0).get("path")).containsExactlyInAnyOrderElementsOf(e.getValue());
        }
    }
}
