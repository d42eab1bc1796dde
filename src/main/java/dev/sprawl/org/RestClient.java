package dev.sprawl.org;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GET requests to a REST API (GitHub, GitLab) with the JDK's HTTP client: no redirects followed (a
 * token never travels to another server), response bodies capped, rate limits waited out up to a
 * bound shared by all requests of one listing.
 */
final class RestClient {

    /** Largest response body read. */
    static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
    /** Wait when a rate-limit response names no time. */
    static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofSeconds(60);

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;[^,]*\\brel=\"?next\"?");

    /** Sleeps; tests may pass one that records instead. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    record Response(int status, HttpHeaders headers, byte[] body) {
    }

    /** Sends one GET and reads its answer: the JDK's HTTP client, or what a test answers with. */
    interface Transport {
        Response send(URI uri, Map<String, String> headers) throws ApiException, InterruptedException;
    }

    /** Least wait counted per rate-limited answer, so a server answering "retry after 0 s" forever stops. */
    static final Duration MIN_RATE_LIMIT_WAIT = Duration.ofSeconds(1);

    /** A request that did not give a usable answer; {@code code} is the warning code. */
    static final class ApiException extends Exception {
        private static final long serialVersionUID = 1L;
        final String code;
        final int status;

        ApiException(String code, int status, String message) {
            super(message, null, false, false);
            this.code = code;
            this.status = status;
        }
    }

    private final HttpClient http;
    private final Transport transport;
    private final Duration timeout;
    private final Duration maxWait;
    private final Clock clock;
    private final Sleeper sleeper;
    private Duration waited = Duration.ZERO;

    RestClient(Duration timeout, Duration maxWait, Clock clock, Sleeper sleeper) {
        this(timeout, maxWait, clock, sleeper, null);
    }

    /** @param transport how requests are sent; null for the JDK's HTTP client */
    RestClient(Duration timeout, Duration maxWait, Clock clock, Sleeper sleeper, Transport transport) {
        this.http = transport != null ? null
                : HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
        this.transport = transport != null ? transport : this::send;
        this.timeout = timeout;
        this.maxWait = maxWait;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** GETs {@code uri}; a rate-limited answer is retried after the wait it asks for, within the bound. */
    Response get(URI uri, Map<String, String> headers) throws ApiException, InterruptedException {
        while (true) {
            Response r = transport.send(uri, headers);
            if (!rateLimited(r)) {
                return r;
            }
            Duration wait = waitFor(r.headers());
            if (wait.compareTo(MIN_RATE_LIMIT_WAIT) < 0) {
                wait = MIN_RATE_LIMIT_WAIT;
            }
            if (waited.plus(wait).compareTo(maxWait) > 0) {
                throw new ApiException("rate-limited", r.status(), "rate limited (HTTP " + r.status() + "): the server asks for "
                        + wait.toSeconds() + " s more, beyond --max-rate-limit-wait " + maxWait.toSeconds() + " s");
            }
            sleeper.sleep(wait);
            waited = waited.plus(wait);
        }
    }

    private Response send(URI uri, Map<String, String> headers) throws ApiException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        headers.forEach(b::header);
        try {
            HttpResponse<InputStream> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = resp.body()) {
                byte[] body = in.readNBytes(MAX_RESPONSE_BYTES + 1);
                if (body.length > MAX_RESPONSE_BYTES) {
                    throw new ApiException("org-unavailable", resp.statusCode(), "response larger than "
                            + MAX_RESPONSE_BYTES + " bytes from " + uri.getPath());
                }
                return new Response(resp.statusCode(), resp.headers(), body);
            }
        } catch (IOException e) {
            throw new ApiException("org-unavailable", 0, "cannot reach " + uri.getScheme() + "://" + uri.getAuthority()
                    + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** GitHub: 403 or 429 with Retry-After or X-RateLimit-Remaining: 0; GitLab: 429. */
    static boolean rateLimited(Response r) {
        if (r.status() == 429) {
            return true;
        }
        return r.status() == 403 && (r.headers().firstValue("retry-after").isPresent()
                || r.headers().firstValue("x-ratelimit-remaining").map(v -> v.strip().equals("0")).orElse(false));
    }

    /** Retry-After (seconds), else the reset time (X-RateLimit-Reset, RateLimit-Reset: epoch seconds). */
    Duration waitFor(HttpHeaders h) {
        Long after = number(h.firstValue("retry-after").orElse(null));
        if (after != null) {
            return Duration.ofSeconds(Math.max(0, after));
        }
        Long reset = number(h.firstValue("x-ratelimit-reset").or(() -> h.firstValue("ratelimit-reset")).orElse(null));
        if (reset != null) {
            return Duration.ofSeconds(Math.max(0, reset - clock.instant().getEpochSecond() + 1));
        }
        return DEFAULT_RATE_LIMIT_WAIT;
    }

    private static Long number(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The next page: the Link header's {@code rel="next"}, else GitLab's {@code X-Next-Page}; only on
     * the same scheme, host and port as {@code current} (the token goes nowhere else); null at the end.
     */
    static URI next(URI current, HttpHeaders h) {
        for (String link : h.allValues("link")) {
            Matcher m = NEXT.matcher(link);
            if (m.find()) {
                URI u = current.resolve(m.group(1).strip());
                return sameOrigin(current, u) ? u : null;
            }
        }
        String page = h.firstValue("x-next-page").map(String::strip).orElse("");
        if (!page.matches("[0-9]{1,9}")) {
            return null;
        }
        String q = current.getRawQuery() == null ? "" : current.getRawQuery();
        q = q.replaceAll("(^|&)page=[^&]*", "");
        q = (q.startsWith("&") ? q.substring(1) : q);
        q = (q.isEmpty() ? "" : q + "&") + "page=" + page;
        return URI.create(current.getScheme() + "://" + current.getRawAuthority() + current.getRawPath() + "?" + q);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(String.valueOf(b.getScheme()))
                && a.getHost().equalsIgnoreCase(String.valueOf(b.getHost())) && a.getPort() == b.getPort();
    }
}
