package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sprawl.TestSecrets;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --output} is written atomically: a temporary file beside it, renamed into place when
 * complete. Proven with a channel that fills the disk after some bytes, a real size-limited tmpfs
 * (in a private mount namespace, when the machine allows one), and a real scan process killed while
 * it writes its report.
 */
class ReportFileTest {

    @TempDir
    Path dir;

    @Test
    void replacesAtomicallyWithAPrivateNewFile() throws IOException {
        Path out = dir.resolve("report.json");
        Files.writeString(out, "old report");
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r--r--"));
        ReportFile.write(out, w -> {
            // while the report is being written, the old one is still whole at the output path
            assertThat(Files.readString(out)).isEqualTo("old report");
            w.write("new report");
        });
        assertThat(Files.readString(out)).isEqualTo("new report");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
        assertThat(names(dir)).containsExactly("report.json");
    }

    @Test
    void aFullDiskLeavesNothingPartial() throws IOException {
        Path out = dir.resolve("report.json");
        String big = "x".repeat(200_000);
        assertThatThrownBy(() -> ReportFile.write(out, w -> w.write(big), p -> new FillingChannel(p, 70_000)))
                .isInstanceOf(IOException.class).hasMessageContaining("No space left on device");
        assertThat(names(dir)).isEmpty();

        Files.writeString(out, "previous complete report");
        assertThatThrownBy(() -> ReportFile.write(out, w -> w.write(big), p -> new FillingChannel(p, 70_000)))
                .isInstanceOf(IOException.class);
        assertThat(Files.readString(out)).isEqualTo("previous complete report");
        assertThat(names(dir)).containsExactly("report.json");
    }

    @Test
    void aReporterFailureLeavesNothingPartial() throws IOException {
        Path out = dir.resolve("report.json");
        assertThatThrownBy(() -> ReportFile.write(out, w -> {
            w.write("{\"schema\": \"sprawl-inventory/1\", \"secrets\": [");
            throw new IOException("reporter failed");
        })).hasMessage("reporter failed");
        assertThat(names(dir)).isEmpty();
    }

    @Test
    void refusesLinksAndFolders() throws IOException {
        Path victim = dir.resolve("victim.txt");
        Files.writeString(victim, "keep");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), victim);
        assertThatThrownBy(() -> ReportFile.write(link, w -> w.write("x"))).hasMessageContaining("symbolic link");
        Path folder = Files.createDirectory(dir.resolve("folder.json"));
        assertThatThrownBy(() -> ReportFile.write(folder, w -> w.write("x"))).hasMessageContaining("not a regular file");
        assertThat(Files.readString(victim)).isEqualTo("keep");
        assertThat(names(dir)).containsExactlyInAnyOrder("victim.txt", "link.json", "folder.json");
    }

    /** The CLI on a real 64 KiB tmpfs: exit 2, the path and the cause on stderr, nothing left there. */
    @Test
    void scanOntoAFullFileSystemExitsTwoAndLeavesNothing() throws Exception {
        assumeTrue(new File("/usr/bin/unshare").canExecute(), "needs unshare(1)");
        Path probe = Files.createDirectory(dir.resolve("probe"));
        Process check = new ProcessBuilder("/usr/bin/unshare", "-m", "sh", "-c",
                "mount -t tmpfs -o size=64k tmpfs " + probe).redirectErrorStream(true).start();
        assumeTrue(check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0,
                "needs permission to mount a tmpfs in a private mount namespace");

        Path target = secretsTree(dir.resolve("target"), 40, 20); // a report well over 64 KiB
        Path mnt = Files.createDirectory(dir.resolve("mnt"));
        Path out = mnt.resolve("report.json");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/unshare", "-m", "sh", "-c",
                "mount -t tmpfs -o size=64k tmpfs " + mnt + " && \"$@\"; rc=$?; echo; echo LEFT: $(ls -A " + mnt
                        + "); exit $rc", "sh"));
        cmd.addAll(javaMain("scan", target.toString(), "-f", "json", "-o", out.toString()));
        Process p = new ProcessBuilder(cmd).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(stderr).isEqualTo(2);
        assertThat(stderr).contains("cannot write " + out).contains("No space left on device");
        assertThat(stdout.strip()).isEqualTo("LEFT:"); // neither the report nor a temporary file
    }

    /**
     * A real scan process killed while it writes its report (the moment anything appears in the output
     * folder) never leaves a file at the output path.
     */
    @Test
    void aScanKilledWhileWritingLeavesNoReport() throws Exception {
        Path out = Files.createDirectory(dir.resolve("out")).resolve("report.json");
        int files = 200;
        for (int attempt = 0; attempt < 4; attempt++, files *= 2) {
            Path target = secretsTree(dir.resolve("target-" + attempt), files, 100);
            Process p = new ProcessBuilder(javaMain("scan", target.toString(), "-f", "json", "-o", out.toString()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            while (p.isAlive() && names(out.getParent()).isEmpty()) {
                Thread.onSpinWait();
            }
            p.destroyForcibly(); // SIGKILL
            p.waitFor(60, TimeUnit.SECONDS);
            if (p.exitValue() != 137) {
                // finished before it could be killed: try again with a bigger report
                Files.deleteIfExists(out);
                continue;
            }
            assertThat(out).doesNotExist();
            return;
        }
        throw new AssertionError("the scan never could be killed while writing its report");
    }

    /** {@code dirs} folders of {@code perDir} files, each holding its own generated token. */
    static Path secretsTree(Path root, int dirs, int perDir) throws IOException {
        for (int d = 0; d < dirs; d++) {
            Path sub = Files.createDirectories(root.resolve("svc" + d));
            StringBuilder b = new StringBuilder();
            for (int f = 0; f < perDir; f++) {
                b.append("token_").append(f).append(" = \"").append(TestSecrets.githubToken("ghp_")).append("\"\n");
            }
            Files.writeString(sub.resolve("config.env"), b.toString());
        }
        return root;
    }

    /** The command line of a real sprawl process on the test class path. */
    static List<String> javaMain(String... args) {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", cp, "dev.sprawl.cli.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** A file channel whose disk fills up after {@code room} bytes. */
    private static final class FillingChannel extends FileChannel {
        private final FileChannel ch;
        private long room;

        FillingChannel(Path p, long room) throws IOException {
            this.ch = ReportFile.CHANNEL.open(p);
            this.room = room;
        }

        private ByteBuffer take(ByteBuffer src) throws IOException {
            if (room <= 0) {
                throw new IOException("No space left on device");
            }
            if (src.remaining() <= room) {
                room -= src.remaining();
                return src;
            }
            ByteBuffer part = src.slice().limit((int) room);
            src.position(src.position() + (int) room);
            room = 0;
            return part;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return ch.write(take(src));
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            long n = 0;
            for (int i = offset; i < offset + length; i++) {
                n += write(srcs[i]);
            }
            return n;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return ch.write(take(src), position);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return ch.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return ch.read(dsts, offset, length);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return ch.read(dst, position);
        }

        @Override
        public long position() throws IOException {
            return ch.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            ch.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return ch.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            ch.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            ch.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return ch.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            throw new IOException("not supported");
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return ch.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return ch.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            ch.close();
        }
    }
}
