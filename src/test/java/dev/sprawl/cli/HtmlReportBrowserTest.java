package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.sprawl.TestArchives;
import dev.sprawl.TestImages;
import dev.sprawl.TestSecrets;
import dev.sprawl.report.HtmlReporter;
import dev.sprawl.report.ReportOptions;
import dev.sprawl.report.SyntheticInventory;
import dev.sprawl.source.git.TestRepo;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The HTML report in a real browser: Debian's headless Chromium driven through its chromedriver. The
 * page is served from a loopback server that records every request it gets, so a page that tried to
 * load anything would be seen. Skipped, saying why, where Chromium or chromedriver is missing.
 */
class HtmlReportBrowserTest {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("SPRAWL_CHROMIUM", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getenv().getOrDefault("SPRAWL_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final String HOSTILE_FILE = "<img src=x onerror=alert(1)>";

    static HttpServer server;
    static final Map<String, byte[]> pages = new ConcurrentHashMap<>();
    static final List<String> requests = new CopyOnWriteArrayList<>();
    static ChromeDriver driver;
    static Path profile;

    @BeforeAll
    static void browser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "headless browser tests need Chromium at " + CHROMIUM + " and chromedriver at " + DRIVER
                        + " (Debian: apt-get install chromium chromium-driver; .ci/run installs them)");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
            byte[] body = pages.get(ex.getRequestURI().getPath());
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
        profile = Files.createTempDirectory("sprawl-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking", "--disable-sync",
                "--disable-component-update", "--disable-default-apps", "--disable-extensions",
                "--window-size=1400,1900", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void close() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.stop(0);
        }
        if (profile != null) {
            try (var walk = Files.walk(profile)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @TempDir
    Path dir;

    private void open(String name, String html) {
        pages.put("/" + name, html.getBytes(StandardCharsets.UTF_8));
        requests.clear();
        driver.manage().logs().get(LogType.BROWSER); // drain
        driver.get("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name);
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    private static String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    private static int matched() {
        return Integer.parseInt(text("#matched"));
    }

    private static void select(String id, String value) {
        new Select(driver.findElement(By.id(id))).selectByValue(value);
    }

    private static JsonNode data(String html) throws Exception {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"sprawl-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).isTrue();
        return new ObjectMapper().readTree(m.group(1));
    }

    private static long count(JsonNode inv, java.util.function.Predicate<JsonNode> p) {
        long n = 0;
        for (JsonNode s : inv.get("secrets")) {
            n += p.test(s) ? 1 : 0;
        }
        return n;
    }

    /** No console message, nothing fetched: the loopback server saw only the page, the page no resource. */
    private static void assertQuietAndOffline(String name) {
        List<LogEntry> console = driver.manage().logs().get(LogType.BROWSER).getAll();
        assertThat(console).as("browser console").isEmpty();
        assertThat(requests).containsExactly("GET /" + name);
        Object resources = ((JavascriptExecutor) driver)
                .executeScript("return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat((List<?>) resources).isEmpty();
    }

    @Test
    void realScanRendersFiltersAndEscapes() throws Exception {
        Path repoDir = Files.createDirectories(dir.resolve("repo"));
        String hostileToken = TestSecrets.githubToken("ghp_");
        try (TestRepo repo = TestRepo.init(repoDir)) {
            repo.write("README.md", "hello\n");
            repo.commit("init", "Dana Ops", TestRepo.T0);
            repo.write(HOSTILE_FILE, "GITHUB_TOKEN=" + hostileToken + "\n");
            StringBuilder many = new StringBuilder();
            for (int i = 0; i < 130; i++) {
                many.append("TOKEN_").append(i).append('=').append(TestSecrets.githubToken("ghp_")).append('\n');
            }
            repo.write("deploy/tokens.env", many.toString());
            repo.write(".github/CODEOWNERS", "/deploy/ @acme/platform\n");
            repo.git().add().addFilepattern(".").call();
            // a raw commit: JGit's own writer would clean the identity, a hostile repository's need not
            org.eclipse.jgit.lib.Repository git = repo.repo();
            try (org.eclipse.jgit.lib.ObjectInserter ins = git.newObjectInserter()) {
                org.eclipse.jgit.lib.ObjectId tree = git.readDirCache().writeTree(ins);
                String commit = "tree " + tree.name() + "\nparent " + git.resolve("HEAD").name()
                        + "\nauthor Mallory <</script><!-- > 1709373600 +0000"
                        + "\ncommitter Mallory <m@evil.test> 1709373600 +0000\n\nadd\n";
                org.eclipse.jgit.lib.ObjectId id = ins.insert(org.eclipse.jgit.lib.Constants.OBJ_COMMIT,
                        commit.getBytes(StandardCharsets.UTF_8));
                ins.flush();
                org.eclipse.jgit.lib.RefUpdate u = git.updateRef("HEAD");
                u.setNewObjectId(id);
                u.forceUpdate();
            }
        }
        TestImages.Image img = new TestImages.Image();
        img.layer(new TestArchives.Tar().dir("app/").file("app/settings.conf",
                "password = " + TestSecrets.password() + "\n"), "ADD app /app");
        Path image = Files.write(dir.resolve("app.tar"), TestImages.dockerSave(img, "acme/app:1.0"));
        Path out = dir.resolve("report.html");
        Cli.Result r = Cli.run("scan", repoDir.toString(), image.toString(), "--format", "html", "--output", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        String html = Files.readString(out);
        assertThat(html).doesNotContain(hostileToken);
        JsonNode inv = data(html);
        int total = inv.get("secrets").size();
        assertThat(total).isGreaterThan(130);

        open("report.html", html);
        assertThat(text("#total")).isEqualTo(String.valueOf(total));
        assertThat(matched()).isEqualTo(total);
        assertThat(driver.findElements(By.cssSelector("#rows tr"))).hasSize(100);
        assertThat(text("#card-orphaned b")).isEqualTo(String.valueOf(count(inv, s -> s.get("owner").isNull())));
        assertThat(driver.findElements(By.cssSelector("#charts svg")).size()).isGreaterThanOrEqualTo(6);

        // paging and sorting
        driver.findElement(By.id("next")).click();
        assertThat(text("#range")).isEqualTo("101\u2013" + Math.min(200, total));
        driver.findElement(By.cssSelector("th[data-key=type]")).click();
        assertThat(text("#range")).startsWith("1\u2013");
        List<String> types = new ArrayList<>();
        driver.findElements(By.cssSelector("#rows tr td:nth-child(4)")).forEach(e -> types.add(e.getText()));
        assertThat(types).isSorted();
        driver.findElement(By.cssSelector("th[data-key=type]")).click();
        assertThat(driver.findElement(By.cssSelector("th[data-key=type]")).getAttribute("class")).contains("desc");
        String lastType = driver.findElement(By.cssSelector("#rows tr td:nth-child(4)")).getText();
        assertThat(lastType).isGreaterThan(types.get(0));

        // filters
        select("f-owner", "\u0000none");
        assertThat(matched()).isEqualTo(count(inv, s -> s.get("owner").isNull()));
        select("f-owner", "@acme/platform");
        assertThat(matched()).isEqualTo(130);
        driver.findElement(By.id("f-reset")).click();
        select("f-context", "container");
        long inImage = count(inv, s -> s.get("locations").findValuesAsText("context").contains("container"));
        assertThat(inImage).isPositive();
        assertThat(matched()).isEqualTo(inImage);
        driver.findElement(By.id("f-reset")).click();
        select("f-category", "password");
        assertThat(matched()).isEqualTo(count(inv, s -> s.get("category").asText().equals("password")));
        driver.findElement(By.id("f-reset")).click();

        // the hostile file name and author stay text
        driver.findElement(By.id("f-text")).sendKeys("onerror");
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> matched() == 1);
        driver.findElement(By.cssSelector("#rows tr")).click();
        WebElement detail = driver.findElement(By.id("detail"));
        assertThat(detail.isDisplayed()).isTrue();
        List<String> paths = new ArrayList<>();
        detail.findElements(By.cssSelector("td.path")).forEach(e -> paths.add(e.getText()));
        assertThat(paths).contains(HOSTILE_FILE);
        assertThat(detail.getText()).contains("</script>").contains("refs/heads/").contains("GitHub");
        assertThat(driver.findElements(By.tagName("img"))).isEmpty();
        assertThat(driver.findElements(By.tagName("script"))).hasSize(2);
        assertQuietAndOffline("report.html");

        driver.findElement(By.id("f-reset")).click();
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/report-screenshot.png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void tenThousandSecretsOpenAndFilter() throws Exception {
        StringWriter w = new StringWriter();
        new HtmlReporter(new ReportOptions(false, false, "0.1.0")).write(SyntheticInventory.of(10_000, 1), w);
        JsonNode inv = data(w.toString());
        long t0 = System.nanoTime();
        open("big.html", w.toString());
        long opened = System.nanoTime();
        assertThat(matched()).isEqualTo(10_000);
        assertThat(driver.findElements(By.cssSelector("#rows tr"))).hasSize(100);
        select("f-confidence", "low");
        long filtered = System.nanoTime();
        assertThat(matched()).isEqualTo(count(inv, s -> s.get("confidence").asText().equals("low")));
        select("f-repo", "github:acme/billing");
        select("f-finding", "missing-owner");
        assertThat(matched()).isEqualTo(count(inv, s -> s.get("confidence").asText().equals("low")
                && s.get("owner").isNull()
                && s.get("locations").findValuesAsText("repo").contains("github:acme/billing")));
        assertQuietAndOffline("big.html");
        // a figure for the record, not an assertion: load and first filter of 10,000 secrets
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/report-timing.txt"), String.format("10000 secrets: %d bytes, open %d ms, "
                + "filter %d ms%n", w.toString().length(), (opened - t0) / 1_000_000, (filtered - opened) / 1_000_000));
    }

    /** The README's picture: a synthetic inventory, so no real or realistic secret is in it. */
    @Test
    void screenshotForTheDocs() throws Exception {
        StringWriter w = new StringWriter();
        new HtmlReporter(new ReportOptions(false, false, "0.1.0")).write(SyntheticInventory.of(240, 7), w);
        open("docs.html", w.toString());
        assertQuietAndOffline("docs.html");
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/report-screenshot-synthetic.png"), driver.getScreenshotAs(OutputType.BYTES));
    }
}
