package dev.sprawl.source.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.source.Blob;
import dev.sprawl.source.BlobSink;
import dev.sprawl.source.ScanWarning;
import dev.sprawl.source.SourceContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FileSystemSourceTest {

    @TempDir
    Path root;

    @TempDir
    Path outside;

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final List<String> paths = Collections.synchronizedList(new ArrayList<>());
    private final List<String> contents = Collections.synchronizedList(new ArrayList<>());
    private final List<ScanWarning> warnings = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void scan(List<String> excludes, long max) throws Exception {
        BlobSink sink = new BlobSink() {
            @Override
            public void accept(Blob blob) {
                paths.add(blob.provenances().get(0).path());
                contents.add(new String(blob.data(), 0, blob.length(), StandardCharsets.UTF_8));
            }

            @Override
            public void warn(ScanWarning warning) {
                warnings.add(warning);
            }
        };
        new FileSystemSource().scan(new SourceContext(root, pool, sink, excludes, max));
    }

    private void write(String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void readsEveryRegularFileIncludingDotfiles() throws Exception {
        write(".env", "A=1");
        write("a/b/c.txt", "hello");
        write(".hidden/x.yml", "k: v");
        write("empty.txt", "");
        scan(List.of(), 1 << 20);
        assertThat(paths).containsExactlyInAnyOrder(".env", "a/b/c.txt", ".hidden/x.yml", "empty.txt");
        assertThat(contents).contains("hello", "A=1", "");
        assertThat(warnings).isEmpty();
    }

    @Test
    void largeFilesAreReadWhole() throws Exception {
        String big = "z".repeat(300_000) + "END";
        write("big.txt", big);
        scan(List.of(), 1 << 20);
        assertThat(contents).containsExactly(big);
    }

    @Test
    void neverFollowsSymlinks() throws Exception {
        Files.writeString(outside.resolve("secret.txt"), "outside");
        write("in.txt", "inside");
        Files.createSymbolicLink(root.resolve("link.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("linkdir"), outside);
        Files.createSymbolicLink(root.resolve("loop"), root);
        scan(List.of(), 1 << 20);
        assertThat(paths).containsExactly("in.txt");
        assertThat(contents).doesNotContain("outside");
    }

    @Test
    @Timeout(20)
    void skipsFifosWithoutBlocking() throws Exception {
        write("ok.txt", "fine");
        Process p = new ProcessBuilder("mkfifo", root.resolve("pipe").toString()).start();
        assertThat(p.waitFor()).isZero();
        scan(List.of(), 1 << 20);
        assertThat(paths).containsExactly("ok.txt");
    }

    @Test
    void excludesByPathAndByName() throws Exception {
        write("node_modules/lib/index.js", "x");
        write("src/app.min.js", "x");
        write("src/app.js", "x");
        write("build/out/a.txt", "x");
        scan(List.of("node_modules", "*.min.js", "build/**"), 1 << 20);
        assertThat(paths).containsExactly("src/app.js");
    }

    @Test
    void gitFolderIsSkippedButItsConfigIsRead() throws Exception {
        write(".git/config", "[remote \"origin\"]\n  url = https://x@host/repo.git\n");
        write(".git/objects/ab/cdef", "zlib");
        write("README.md", "hi");
        scan(List.of(), 1 << 20);
        assertThat(paths).containsExactlyInAnyOrder(".git/config", "README.md");
    }

    @Test
    void oversizedFilesAreWarnedAboutAndMarkIncomplete() throws Exception {
        write("big.bin", "x".repeat(2048));
        scan(List.of(), 1024);
        assertThat(paths).isEmpty();
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo("file-too-large");
            assertThat(w.path()).isEqualTo("big.bin");
            assertThat(w.incomplete()).isTrue();
        });
    }

    @Test
    void singleFileTarget() throws Exception {
        write("one.env", "X=1");
        root = root.resolve("one.env");
        scan(List.of(), 1 << 20);
        assertThat(paths).containsExactly("one.env");
    }
}
