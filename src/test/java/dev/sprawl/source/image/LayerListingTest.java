package dev.sprawl.source.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which lower-layer files an upper layer hides: overwrites, whiteouts, opaque folders, replaced folders. */
class LayerListingTest {

    @Test
    void overwrittenAndWhitedOutFilesAreHidden() {
        LayerListing up = new LayerListing();
        assertThat(up.add("etc/app.conf", false)).isFalse();
        assertThat(up.add("etc/.wh.secret.env", false)).isTrue();
        assertThat(up.hides("etc/app.conf")).isTrue();
        assertThat(up.hides("etc/secret.env")).isTrue();
        assertThat(up.hides("etc/other")).isFalse();
        assertThat(up.hides("etc")).isFalse();
    }

    @Test
    void whiteoutOfAFolderHidesEverythingBelowIt() {
        LayerListing up = new LayerListing();
        up.add(".wh.srv", false);
        assertThat(up.hides("srv/a/b.yml")).isTrue();
        assertThat(up.hides("srv2/a")).isFalse();
    }

    @Test
    void opaqueFolderHidesLowerContentButNotItsOwn() {
        LayerListing up = new LayerListing();
        up.add("opt/app", true);
        up.add("opt/app/.wh..wh..opq", false);
        up.add("opt/app/new.conf", false);
        assertThat(up.hides("opt/app/old.conf")).isTrue();
        assertThat(up.hides("opt/other.conf")).isFalse();
        LayerListing root = new LayerListing();
        root.add(".wh..wh..opq", false);
        assertThat(root.hides("anything/at/all")).isTrue();
    }

    @Test
    void aFolderReplacedByAFileOrLinkHidesItsContent() {
        LayerListing up = new LayerListing();
        up.add("var/lib", false);
        assertThat(up.hides("var/lib/db/creds")).isTrue();
        LayerListing dir = new LayerListing();
        dir.add("var/lib", true);
        assertThat(dir.hides("var/lib/db/creds")).isFalse();
    }

    @Test
    void namesAreNormalised() {
        assertThat(LayerListing.normalise("./etc//app/")).isEqualTo("etc/app");
        assertThat(LayerListing.normalise("/abs/x")).isEqualTo("abs/x");
        assertThat(LayerListing.normalise("./")).isNull();
    }

    @Test
    void blobNamesFromManifestsNeverLeaveTheLayout() {
        assertThat(FileTree.safeName("./blobs//sha256/ab")).isEqualTo("blobs/sha256/ab");
        assertThat(FileTree.safeName("../x")).isNull();
        assertThat(FileTree.safeName("/etc/passwd")).isNull();
        assertThat(FileTree.safeName("a\\..\\b")).isNull();
        assertThat(Digest.valid("sha256:" + "0".repeat(64))).isTrue();
        assertThat(Digest.valid("sha256:" + "0".repeat(63))).isFalse();
        assertThat(Digest.valid("sha256:" + "A".repeat(64))).isFalse();
        assertThat(Digest.valid("sha256:../../" + "0".repeat(58))).isFalse();
    }

    @Test
    void platforms() {
        assertThat(Platform.matches("linux/arm64", "linux/arm64/v8")).isTrue();
        assertThat(Platform.matches("linux/arm64/v8", "linux/arm64")).isFalse();
        assertThat(Platform.matches("linux/amd64", "linux/arm64")).isFalse();
        assertThat(Platform.matches(null, null)).isTrue();
    }
}
