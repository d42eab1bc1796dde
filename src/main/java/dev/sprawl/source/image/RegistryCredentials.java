package dev.sprawl.source.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A registry login: from {@code SPRAWL_REGISTRY_USERNAME} and {@code SPRAWL_REGISTRY_PASSWORD}, else
 * from the Docker client's {@code config.json} ({@code $DOCKER_CONFIG/config.json} or
 * {@code ~/.docker/config.json}, entry {@code auths.HOST}). Credential helpers are never run. The
 * values never appear in {@link #toString()}, logs or reports.
 */
record RegistryCredentials(String username, String password) {

    static final String ENV_USERNAME = "SPRAWL_REGISTRY_USERNAME";
    static final String ENV_PASSWORD = "SPRAWL_REGISTRY_PASSWORD";
    private static final long MAX_CONFIG_BYTES = 1024 * 1024;
    private static final Set<String> DOCKER_HUB = Set.of("docker.io", "index.docker.io", "registry-1.docker.io");

    @Override
    public String toString() {
        return "RegistryCredentials[redacted]";
    }

    String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The credentials for {@code host} (with port), or null. */
    static RegistryCredentials find(String host, Map<String, String> env, Path home) {
        String user = env.get(ENV_USERNAME);
        String pass = env.get(ENV_PASSWORD);
        if (user != null && pass != null) {
            return new RegistryCredentials(user, pass);
        }
        Path config = env.get("DOCKER_CONFIG") != null ? Path.of(env.get("DOCKER_CONFIG"), "config.json")
                : home == null ? null : home.resolve(".docker").resolve("config.json");
        if (config == null || !Files.isRegularFile(config, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            if (Files.size(config) > MAX_CONFIG_BYTES) {
                return null;
            }
            JsonNode auths = ImageJson.parse(Files.readAllBytes(config)).path("auths");
            for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (sameRegistry(keyHost(e.getKey()), host)) {
                    return fromEntry(e.getValue());
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static RegistryCredentials fromEntry(JsonNode entry) {
        String auth = ImageJson.text(entry, "auth");
        if (auth != null && !auth.isEmpty()) {
            String plain = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            if (colon > 0) {
                return new RegistryCredentials(plain.substring(0, colon), plain.substring(colon + 1));
            }
        }
        String user = ImageJson.text(entry, "username");
        String pass = ImageJson.text(entry, "password");
        return user != null && pass != null ? new RegistryCredentials(user, pass) : null;
    }

    /** {@code https://host:port/v1/} and {@code host:port} both name {@code host:port}. */
    static String keyHost(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        int scheme = k.indexOf("://");
        if (scheme >= 0) {
            k = k.substring(scheme + 3);
        }
        int slash = k.indexOf('/');
        return slash >= 0 ? k.substring(0, slash) : k;
    }

    private static boolean sameRegistry(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        return x.equals(y) || DOCKER_HUB.contains(x) && DOCKER_HUB.contains(y);
    }
}
