package dev.sprawl.org.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sprawl.detect.DetectProblem;
import dev.sprawl.rules.Rule;
import dev.sprawl.rules.RuleSet;
import dev.sprawl.scan.BlobResult;
import dev.sprawl.scan.ResultCache;
import dev.sprawl.source.ScanWarning;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The incremental datastore of {@code --cache DIR}: an embedded SQLite database
 * ({@value #FILE_NAME}) of every blob already scanned, with what it yielded, keyed by (rules identity,
 * blob id). Tables (documented in docs/scale.md):
 * <ul>
 *   <li>{@code meta(key, value)}: {@code schema} ({@value #SCHEMA}) and {@code tool} (the version that wrote it);</li>
 *   <li>{@code blobs(rules, blob, binary, bytes, lfs, problems)}: one row per scanned blob;</li>
 *   <li>{@code targets(rules, target, findings, result)}: what a whole bare repository yielded, keyed by
 *       its refs (a repository whose refs have not moved is replayed without walking its history);</li>
 *   <li>{@code paths(rules, blob, source, path, findings, result)}: what the blob yields at each path
 *       (a JSON document with the secret values: the file is created 0600 and is as sensitive as the
 *       repositories).</li>
 * </ul>
 * A file written by another schema or tool version, or that SQLite does not find sound, is deleted and
 * started afresh with a {@code cache-rebuilt} warning; a failure while scanning turns the store off
 * with a {@code cache-unusable} warning (the scan goes on, reading every blob). Neither makes the scan
 * incomplete. Rows are written in batches; results stored during a scan are seen by later lookups of
 * the same scan.
 */
public final class BlobStore implements ResultCache, AutoCloseable {

    /** The database file inside the cache folder. */
    public static final String FILE_NAME = "sprawl-cache.db";
    /** Version of the tables below; another version's file is rebuilt. */
    public static final String SCHEMA = "1";
    /** Version of what detection stores; bump it when detection or the stored results change meaning. */
    static final String DETECTOR_VERSION = "1";
    /** Stored blobs written per transaction. */
    static final int BATCH = 2000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final String tool;
    private final String rules;
    private final ResultCodec codec;
    private final List<ScanWarning> warnings = new ArrayList<>();
    private final Map<String, BlobResult> pending = new ConcurrentHashMap<>();
    private Connection db;
    private PreparedStatement findBlob;
    private PreparedStatement findPaths;
    private volatile boolean broken;

    private BlobStore(Path file, String tool, String rules, ResultCodec codec) {
        this.file = file;
        this.tool = tool;
        this.rules = rules;
        this.codec = codec;
    }

    /**
     * Loads the SQLite driver and its native library on a background thread (the library is unpacked
     * and compared byte by byte on every start, tens of milliseconds), so that {@link #open} after the
     * remotes are fetched finds it ready. Errors are left for {@link #open} to meet and report.
     */
    public static void preload() {
        Thread t = new Thread(() -> {
            try {
                org.sqlite.SQLiteJDBCLoader.initialize();
            } catch (Exception | LinkageError e) {
                // open() loads it again and reports what is wrong
            }
        }, "sprawl-sqlite-load");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Opens (or creates, or rebuilds) the store in {@code dir}.
     *
     * @param rulesIdentity see {@link #rulesIdentity}
     * @throws IOException when the folder cannot be created or the file cannot be opened at all
     */
    public static BlobStore open(Path dir, String tool, String rulesIdentity, RuleSet catalogue) throws IOException {
        createPrivateDir(dir);
        Path file = dir.resolve(FILE_NAME);
        if (Files.isSymbolicLink(file)) {
            throw new IOException(file + " is a symbolic link");
        }
        BlobStore store = new BlobStore(file, tool, rulesIdentity, new ResultCodec(catalogue));
        String problem = store.tryOpen();
        if (problem != null) {
            store.closeQuietly();
            deleteFiles(file);
            store.warnings.add(new ScanWarning("cache-rebuilt", "the cache " + file + " " + problem
                    + ": it was started afresh, so this scan reads every blob", null, false));
            problem = store.tryOpen();
            if (problem != null) {
                store.closeQuietly();
                throw new IOException("cannot create the cache " + file + ": " + problem);
            }
        }
        return store;
    }

    /**
     * What the stored results depend on besides the blob: the rule catalogue (every field that changes
     * what a rule matches or reports), the analyzers, the parse limit, the tool and detector versions.
     */
    public static String rulesIdentity(RuleSet catalogue, List<String> analyzers, long maxParseSize, String tool) {
        StringBuilder b = new StringBuilder();
        b.append("detector ").append(DETECTOR_VERSION).append('\n').append("tool ").append(tool).append('\n');
        b.append("maxParseSize ").append(maxParseSize).append('\n');
        for (String a : analyzers.stream().sorted().toList()) {
            b.append("analyzer ").append(a).append('\n');
        }
        for (Rule r : catalogue.rules()) {
            b.append(String.join("\u0001", r.id(), r.name(), String.valueOf(r.provider()), r.category().label(),
                    r.confidence().label(), String.join("\u0002", r.keywords()), r.pattern().pattern(),
                    String.valueOf(r.pattern().flags()), String.valueOf(r.validate()), Double.toString(r.minEntropy())))
                    .append('\n');
        }
        return "sha256:" + sha256(b.toString());
    }

    /** Warnings about the store itself ({@code cache-rebuilt}, {@code cache-unusable}). */
    public List<ScanWarning> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    /** Opens the database and checks it; returns why it cannot be used, or null. */
    private String tryOpen() {
        try {
            boolean fresh = !Files.exists(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) == 0;
            if (fresh) {
                createPrivateFile(file);
            }
            db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
                if (!fresh) {
                    try (ResultSet r = s.executeQuery("PRAGMA quick_check")) {
                        if (!r.next() || !"ok".equals(r.getString(1))) {
                            return "is damaged (SQLite integrity check failed)";
                        }
                    }
                    String found = meta(s, "schema");
                    if (!SCHEMA.equals(found)) {
                        return found == null ? "is not a sprawl cache" : "was written with schema " + found
                                + " (this version uses " + SCHEMA + ")";
                    }
                    String by = meta(s, "tool");
                    if (!tool.equals(by)) {
                        return "was written by sprawl " + by + " (this is " + tool + ")";
                    }
                }
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = NORMAL");
                s.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS blobs (rules TEXT NOT NULL, blob TEXT NOT NULL,"
                        + " binary INTEGER NOT NULL, bytes INTEGER NOT NULL, lfs INTEGER NOT NULL, problems TEXT NOT NULL,"
                        + " PRIMARY KEY (rules, blob)) WITHOUT ROWID");
                s.execute("CREATE TABLE IF NOT EXISTS paths (rules TEXT NOT NULL, blob TEXT NOT NULL,"
                        + " source TEXT NOT NULL, path TEXT NOT NULL, findings INTEGER NOT NULL, result TEXT NOT NULL,"
                        + " PRIMARY KEY (rules, blob, source, path)) WITHOUT ROWID");
                s.execute("CREATE TABLE IF NOT EXISTS targets (rules TEXT NOT NULL, target TEXT NOT NULL,"
                        + " findings INTEGER NOT NULL, result TEXT NOT NULL, PRIMARY KEY (rules, target)) WITHOUT ROWID");
                s.execute("INSERT OR REPLACE INTO meta VALUES ('schema', '" + SCHEMA + "')");
                try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO meta VALUES ('tool', ?)")) {
                    p.setString(1, tool);
                    p.executeUpdate();
                }
            }
            restrict(file);
            findBlob = db.prepareStatement("SELECT binary, bytes, lfs, problems FROM blobs WHERE rules = ? AND blob = ?");
            findPaths = db.prepareStatement("SELECT source, path, result FROM paths WHERE rules = ? AND blob = ?");
            return null;
        } catch (SQLException e) {
            return "cannot be read as a database (" + firstLine(e.getMessage()) + ")";
        } catch (IOException e) {
            return "cannot be opened (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static String meta(Statement s, String key) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key = '" + key + "'")) {
            return r.next() ? r.getString(1) : null;
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("no such table")) {
                return null;
            }
            throw e;
        }
    }

    @Override
    public BlobResult lookup(String contentId) {
        BlobResult p = pending.get(contentId);
        if (p != null || broken) {
            return p;
        }
        try {
            synchronized (this) {
                findBlob.setString(1, rules);
                findBlob.setString(2, contentId);
                boolean binary;
                long bytes;
                boolean lfs;
                String problems;
                try (ResultSet r = findBlob.executeQuery()) {
                    if (!r.next()) {
                        return null;
                    }
                    binary = r.getInt(1) != 0;
                    bytes = r.getLong(2);
                    lfs = r.getInt(3) != 0;
                    problems = r.getString(4);
                }
                Map<String, BlobResult.PathResult> paths = new HashMap<>();
                findPaths.setString(1, rules);
                findPaths.setString(2, contentId);
                try (ResultSet r = findPaths.executeQuery()) {
                    while (r.next()) {
                        String source = r.getString(1);
                        String path = r.getString(2);
                        paths.put(BlobResult.key(source, path), codec.read(source, path, r.getString(3)));
                    }
                }
                return new BlobResult(binary, bytes, lfs, readProblems(problems), paths);
            }
        } catch (ResultCodec.Unreadable e) {
            return null; // scanned again, and stored anew
        } catch (SQLException | IOException e) {
            fail(e);
            return null;
        }
    }

    @Override
    public BlobResult.TargetResult lookupTarget(String key) {
        if (broken) {
            return null;
        }
        try {
            synchronized (this) {
                try (PreparedStatement p = db.prepareStatement("SELECT result FROM targets WHERE rules = ? AND target = ?")) {
                    p.setString(1, rules);
                    p.setString(2, key);
                    try (ResultSet r = p.executeQuery()) {
                        return r.next() ? codec.readTarget(r.getString(1)) : null;
                    }
                }
            }
        } catch (ResultCodec.Unreadable e) {
            return null;
        } catch (SQLException e) {
            fail(e);
            return null;
        }
    }

    @Override
    public void storeTarget(String key, BlobResult.TargetResult result) {
        if (broken) {
            return;
        }
        String doc;
        try {
            doc = codec.writeTarget(result);
        } catch (IllegalArgumentException e) {
            return;
        }
        synchronized (this) {
            try {
                if (db.getAutoCommit()) {
                    db.setAutoCommit(false);
                }
                try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO targets VALUES (?, ?, ?, ?)")) {
                    p.setString(1, rules);
                    p.setString(2, key);
                    p.setInt(3, result.findings().size());
                    p.setString(4, doc);
                    p.executeUpdate();
                }
            } catch (SQLException e) {
                fail(e);
            }
        }
    }

    @Override
    public void store(String contentId, BlobResult result) {
        if (broken) {
            return;
        }
        Map<String, String> docs = new HashMap<>();
        try {
            result.paths().forEach((k, v) -> docs.put(k, codec.write(v)));
        } catch (IllegalArgumentException e) {
            return; // a detail the store cannot write: this blob is scanned again next time
        }
        pending.put(contentId, result);
        synchronized (this) {
            try {
                if (db.getAutoCommit()) {
                    db.setAutoCommit(false);
                }
                try (PreparedStatement b = db.prepareStatement("INSERT OR REPLACE INTO blobs VALUES (?, ?, ?, ?, ?, ?)");
                     PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO paths VALUES (?, ?, ?, ?, ?, ?)")) {
                    b.setString(1, rules);
                    b.setString(2, contentId);
                    b.setInt(3, result.binary() ? 1 : 0);
                    b.setLong(4, result.bytes());
                    b.setInt(5, result.lfsPointer() ? 1 : 0);
                    b.setString(6, writeProblems(result.problems()));
                    b.executeUpdate();
                    for (Map.Entry<String, String> d : docs.entrySet()) {
                        int cut = d.getKey().indexOf('\u0000');
                        p.setString(1, rules);
                        p.setString(2, contentId);
                        p.setString(3, d.getKey().substring(0, cut));
                        p.setString(4, d.getKey().substring(cut + 1));
                        p.setInt(5, result.paths().get(d.getKey()).findings().size());
                        p.setString(6, d.getValue());
                        p.executeUpdate();
                    }
                }
                if (pending.size() >= BATCH) {
                    db.commit();
                    pending.clear();
                }
            } catch (SQLException e) {
                fail(e);
            }
        }
    }

    private void fail(Exception e) {
        if (!broken) {
            broken = true;
            synchronized (warnings) {
                warnings.add(new ScanWarning("cache-unusable", "the cache " + file + " failed ("
                        + e.getClass().getSimpleName() + "): the rest of this scan reads every blob", null, false));
            }
        }
    }

    /** Commits what is still pending and closes the database. */
    @Override
    public synchronized void close() {
        try {
            if (db != null && !broken && !db.getAutoCommit()) {
                db.commit();
            }
            pending.clear();
        } catch (SQLException e) {
            fail(e);
        }
        closeQuietly();
        try {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Path p = Path.of(file + suffix);
                if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    restrict(p);
                }
            }
        } catch (IOException e) {
            // permissions are set on creation too
        }
    }

    private void closeQuietly() {
        try {
            if (db != null) {
                db.close();
            }
        } catch (SQLException e) {
            // closing a database that failed to open
        }
        db = null;
    }

    private static String writeProblems(List<DetectProblem> problems) {
        ArrayNode a = JSON.createArrayNode();
        for (DetectProblem p : problems) {
            a.addArray().add(p.code()).add(p.ruleId()).add(p.message());
        }
        return a.toString();
    }

    private static List<DetectProblem> readProblems(String text) throws IOException {
        List<DetectProblem> out = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode n : JSON.readTree(text)) {
            out.add(new DetectProblem(n.path(0).asText(), n.path(1).isNull() ? null : n.path(1).asText(),
                    n.path(2).asText()));
        }
        return out;
    }

    /** Creates {@code dir} (and its parents) owner-only (0700) unless it is already a folder. */
    public static void createPrivateDir(Path dir) throws IOException {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    private static void createPrivateFile(Path file) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    private static void restrict(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static void deleteFiles(Path file) throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
