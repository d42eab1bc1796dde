package dev.sprawl.source.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OCI distribution API, read only: manifests and blobs of one repository, anonymous or with a
 * login (HTTP Basic, or a bearer token fetched from the realm the registry names). Blobs stream from
 * the response body, never to disk. Redirects are followed by hand so that credentials are never
 * sent to another host. Credentials never appear in exceptions or warnings.
 */
final class RegistryClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(2);
    static final int MAX_REDIRECTS = 5;
    private static final int MAX_TOKEN_BYTES = 1024 * 1024;
    private static final String ACCEPT = String.join(", ", ImageJson.OCI_INDEX, ImageJson.OCI_MANIFEST,
            ImageJson.DOCKER_LIST, ImageJson.DOCKER_MANIFEST);
    private static final Pattern PARAM = Pattern.compile("([A-Za-z_]+)=\"([^\"]*)\"");

    /** A fetched manifest or index. */
    record Document(byte[] data, String mediaType, String digest) {
    }

    private final ImageReference ref;
    private final boolean plainHttp;
    private final RegistryCredentials credentials;
    private final HttpClient http;
    private volatile String authorization;

    RegistryClient(ImageReference ref, boolean plainHttp, RegistryCredentials credentials) {
        this.ref = ref;
        this.plainHttp = plainHttp || ref.loopback();
        this.credentials = credentials;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT).build();
    }

    private URI uri(String kind, String reference) {
        return URI.create((plainHttp ? "http://" : "https://") + ref.host() + "/v2/" + ref.repository() + "/" + kind
                + "/" + reference);
    }

    Document manifest(String reference, int max) throws IOException {
        HttpResponse<InputStream> r = get(uri("manifests", reference), ACCEPT);
        try (InputStream body = r.body()) {
            byte[] data = body.readNBytes(max + 1);
            if (data.length > max) {
                throw new IOException("manifest larger than " + max + " bytes");
            }
            String type = r.headers().firstValue("Content-Type").orElse(null);
            if (type != null && type.indexOf(';') >= 0) {
                type = type.substring(0, type.indexOf(';')).trim();
            }
            return new Document(data, type, r.headers().firstValue("Docker-Content-Digest").orElse(null));
        }
    }

    InputStream blob(String digest) throws IOException {
        return get(uri("blobs", digest), "*/*").body();
    }

    byte[] blob(String digest, int max) throws IOException {
        try (InputStream in = blob(digest)) {
            byte[] data = in.readNBytes(max + 1);
            if (data.length > max) {
                throw new IOException("blob larger than " + max + " bytes");
            }
            return data;
        }
    }

    private HttpResponse<InputStream> get(URI uri, String accept) throws IOException {
        boolean authenticated = false;
        URI at = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(at).GET().timeout(RESPONSE_TIMEOUT).header("Accept", accept);
            String auth = authorization;
            if (auth != null && sameOrigin(at, uri)) {
                b.header("Authorization", auth);
            }
            HttpResponse<InputStream> r = send(b.build());
            int status = r.statusCode();
            if (status == 200) {
                return r;
            }
            r.body().close();
            if (status == 401 && !authenticated && sameOrigin(at, uri)) {
                authenticate(r.headers());
                authenticated = true;
                hop--;
                continue;
            }
            if (status >= 300 && status < 400 && r.headers().firstValue("Location").isPresent()) {
                at = at.resolve(r.headers().firstValue("Location").get());
                if (!at.getScheme().equals("https") && !at.getScheme().equals("http")) {
                    throw new IOException("registry redirected to an unsupported scheme");
                }
                continue;
            }
            if (status == 404) {
                throw new NoSuchFileException(uri.getPath());
            }
            if (status == 401 || status == 403) {
                throw new IOException("registry refused access (HTTP " + status + "): "
                        + (credentials == null ? "no credentials found; set " + RegistryCredentials.ENV_USERNAME + " and "
                        + RegistryCredentials.ENV_PASSWORD + " or log in with docker" : "the credentials were not accepted"));
            }
            throw new IOException("registry answered HTTP " + status + " for " + uri.getPath());
        }
        throw new IOException("too many redirects for " + uri.getPath());
    }

    private HttpResponse<InputStream> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equals(b.getScheme()) && a.getAuthority().equalsIgnoreCase(b.getAuthority());
    }

    /** Answers a 401 challenge: Basic with the login, or a bearer token from the named realm. */
    private void authenticate(HttpHeaders headers) throws IOException {
        String challenge = headers.firstValue("WWW-Authenticate").orElse("");
        String scheme = challenge.split(" ", 2)[0].toLowerCase(Locale.ROOT);
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
        }
        if (scheme.equals("basic")) {
            if (credentials == null) {
                return; // the retry fails with a clear message
            }
            authorization = credentials.basic();
        } else if (scheme.equals("bearer") && params.containsKey("realm")) {
            authorization = "Bearer " + token(params);
        }
    }

    private String token(Map<String, String> params) throws IOException {
        URI realm;
        try {
            realm = URI.create(params.get("realm"));
        } catch (IllegalArgumentException e) {
            throw new IOException("registry named an invalid token realm");
        }
        if (realm.getScheme() == null || !(realm.getScheme().equals("https") || realm.getScheme().equals("http"))) {
            throw new IOException("registry named a token realm that is not http(s)");
        }
        StringBuilder q = new StringBuilder();
        if (params.containsKey("service")) {
            q.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8));
        }
        String scope = params.getOrDefault("scope", "repository:" + ref.repository() + ":pull");
        q.append(q.length() > 0 ? "&" : "").append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        URI uri = URI.create(realm + (realm.getRawQuery() == null ? "?" : "&") + q);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().timeout(RESPONSE_TIMEOUT);
        boolean safeToSend = realm.getScheme().equals("https") || plainHttp;
        if (credentials != null && safeToSend) {
            b.header("Authorization", credentials.basic());
        }
        HttpResponse<InputStream> r = send(b.build());
        try (InputStream body = r.body()) {
            if (r.statusCode() != 200) {
                throw new IOException("token service refused access (HTTP " + r.statusCode() + ")"
                        + (credentials == null ? ": no credentials found" : ""));
            }
            JsonNode json = ImageJson.parse(body.readNBytes(MAX_TOKEN_BYTES));
            String token = ImageJson.text(json, "token");
            if (token == null) {
                token = ImageJson.text(json, "access_token");
            }
            if (token == null || token.isEmpty()) {
                throw new IOException("token service answered without a token");
            }
            return token;
        }
    }
}
