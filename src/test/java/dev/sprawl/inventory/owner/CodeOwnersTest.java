package dev.sprawl.inventory.owner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.inventory.Owner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodeOwnersTest {

    private static final String FILE = String.join("\n",
            "# default owner",
            "*       @acme/everyone",
            "",
            "*.js    @acme/frontend   # inline comment",
            "/build/logs/ @acme/ops",
            "docs/*  docs@acme.test",
            "apps/   @acme/apps",
            "/scripts/ @acme/scripts @acme/sre",
            "**/secrets/** @acme/security",
            "/infra/**/prod.tf @acme/prod",
            "/vendor/",
            "\\#notes @acme/hash",
            "!negated @acme/nobody",
            "/assets/[ab].png @acme/nobody");

    private static final CodeOwners OWNERS = CodeOwners.parse(".github/CODEOWNERS", FILE);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "README.md, @acme/everyone",
            "src/app.js, @acme/frontend",
            "build/logs/today/app.log, @acme/ops",
            "sub/build/logs/app.log, @acme/everyone",
            "docs/guide.md, docs@acme.test",
            "docs/deep/guide.md, @acme/everyone",
            "apps/web/main.py, @acme/apps",
            "x/y/apps/main.py, @acme/apps",
            "scripts/deploy.sh, @acme/scripts",
            "a/secrets/b/c.env, @acme/security",
            "secrets/x.env, @acme/security",
            "infra/prod.tf, @acme/prod",
            "infra/eu/west/prod.tf, @acme/prod",
            "#notes, @acme/hash",
            "negated, @acme/everyone",
            "assets/a.png, @acme/everyone"})
    void lastMatchingLineWins(String path, String owner) {
        assertThat(OWNERS.ownerOf(path).name()).isEqualTo(owner);
    }

    @Test
    void lineWithoutOwnersLeavesThePathUnowned() {
        assertThat(OWNERS.ownerOf("vendor/lib/x.js")).isNull();
    }

    @Test
    void ownerCarriesOriginAndCoOwners() {
        Owner o = OWNERS.ownerOf("scripts/deploy.sh");
        assertThat(o.source()).isEqualTo("codeowners");
        assertThat(o.origin()).isEqualTo(".github/CODEOWNERS:8");
        assertThat(o.coOwners()).containsExactly("@acme/sre");
    }

    @Test
    void noMatchMeansNoOwner() {
        CodeOwners only = CodeOwners.parse("CODEOWNERS", "/infra/ @acme/platform\n");
        assertThat(only.ownerOf("app/main.py")).isNull();
        assertThat(only.ownerOf("infra/main.tf").name()).isEqualTo("@acme/platform");
        assertThat(only.ownerOf("other/infra/main.tf")).isNull();
    }

    @Test
    void unanchoredNameMatchesFilesAndFoldersAtAnyDepth() {
        CodeOwners o = CodeOwners.parse("CODEOWNERS", "config @acme/cfg\n");
        assertThat(o.ownerOf("config").name()).isEqualTo("@acme/cfg");
        assertThat(o.ownerOf("a/b/config/x.yml").name()).isEqualTo("@acme/cfg");
        assertThat(o.ownerOf("a/configs/x.yml")).isNull();
    }
}
