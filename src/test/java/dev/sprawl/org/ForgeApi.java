package dev.sprawl.org;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP server answering the GitHub and GitLab REST endpoints sprawl uses, as documented:
 * GitHub {@code GET /orgs/ORG/repos} and {@code /users/USER/repos} (pages linked with {@code Link:
 * rel="next"}, rate limits as 403 with {@code X-RateLimit-Remaining: 0} and {@code X-RateLimit-Reset},
 * or 429 with {@code Retry-After}); GitLab {@code GET /api/v4/groups/PATH/projects} (pages by
 * {@code X-Next-Page}). Unknown owners are 404; owners marked private want the token (else 401).
 * GitHub is served under {@code /api}, so {@code --github-api http://127.0.0.1:PORT/api}.
 */
public final class ForgeApi implements AutoCloseable {

    /** A repository as the API describes it. */
    public record Repo(String fullName, String cloneUrl, boolean fork, boolean archived) {
    }

    /** A response served once instead of a page (a rate limit). */
    private record Once(int status, Map<String, String> headers) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String token;
    private final Map<String, List<Repo>> githubOrgs = new ConcurrentHashMap<>();
    private final Map<String, List<Repo>> githubUsers = new ConcurrentHashMap<>();
    private final Map<String, List<Repo>> gitlabGroups = new ConcurrentHashMap<>();
    private final Map<String, Boolean> privateOwners = new ConcurrentHashMap<>();
    private final Map<String, Once> once = new ConcurrentHashMap<>();
    /** Every request: path, query and whether it carried the token. */
    public final List<String> requests = new CopyOnWriteArrayList<>();
    private int pageSize = 2;

    public ForgeApi(String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            try {
                serve(ex);
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public ForgeApi githubOrg(String org, List<Repo> repos) {
        githubOrgs.put(org, repos);
        return this;
    }

    public ForgeApi githubUser(String user, List<Repo> repos) {
        githubUsers.put(user, repos);
        return this;
    }

    public ForgeApi gitlabGroup(String path, List<Repo> repos) {
        gitlabGroups.put(path, repos);
        return this;
    }

    /** The owner's listing needs the token. */
    public ForgeApi requireToken(String owner) {
        privateOwners.put(owner, true);
        return this;
    }

    public ForgeApi pageSize(int n) {
        pageSize = n;
        return this;
    }

    /** The next request for {@code page} (1-based) of {@code path} gets this status and headers, once. */
    public ForgeApi once(String path, int page, int status, Map<String, String> headers) {
        once.put(path + "#" + page, new Once(status, headers));
        return this;
    }

    private void serve(HttpExchange ex) throws IOException {
        String raw = ex.getRequestURI().getRawPath();
        String query = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String gitlabToken = ex.getRequestHeaders().getFirst("PRIVATE-TOKEN");
        boolean authorized = ("Bearer " + token).equals(auth) || token.equals(gitlabToken);
        requests.add(raw + "?" + query + (authorized ? " [token]" : ""));
        int page = 1;
        for (String kv : query.split("&")) {
            if (kv.startsWith("page=")) {
                page = Integer.parseInt(kv.substring(5));
            }
        }
        Once o = once.remove(raw + "#" + page);
        if (o != null) {
            o.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            send(ex, o.status(), "{\"message\":\"API rate limit exceeded\"}");
            return;
        }
        String[] parts = raw.split("/");
        List<Repo> repos = null;
        String owner = null;
        boolean gitlab = false;
        if (raw.matches("/api/orgs/[^/]+/repos")) {
            owner = parts[3];
            repos = githubOrgs.get(owner);
        } else if (raw.matches("/api/users/[^/]+/repos")) {
            owner = parts[3];
            repos = githubUsers.get(owner);
        } else if (raw.matches("/api/v4/groups/[^/]+/projects")) {
            owner = URLDecoder.decode(parts[4], StandardCharsets.UTF_8);
            repos = gitlabGroups.get(owner);
            gitlab = true;
            int prefix = owner.length() + 1;
            if (!query.contains("include_subgroups=true") && repos != null) {
                repos = repos.stream().filter(r -> !r.fullName().substring(prefix).contains("/")).toList();
            }
        }
        if (repos == null) {
            send(ex, 404, "{\"message\":\"Not Found\"}");
            return;
        }
        if (privateOwners.containsKey(owner) && !authorized) {
            send(ex, 401, "{\"message\":\"Bad credentials\"}");
            return;
        }
        int pages = Math.max(1, (repos.size() + pageSize - 1) / pageSize);
        ArrayNode body = JSON.createArrayNode();
        int id = (page - 1) * pageSize;
        for (Repo r : repos.subList(Math.min(repos.size(), (page - 1) * pageSize), Math.min(repos.size(), page * pageSize))) {
            ObjectNode n = body.addObject();
            n.put("id", ++id);
            if (gitlab) {
                n.put("path_with_namespace", r.fullName());
                n.put("http_url_to_repo", r.cloneUrl());
                n.put("archived", r.archived());
                if (r.fork()) {
                    n.putObject("forked_from_project").put("id", 9999);
                }
            } else {
                n.put("name", r.fullName().substring(r.fullName().indexOf('/') + 1));
                n.put("full_name", r.fullName());
                n.put("clone_url", r.cloneUrl());
                n.put("fork", r.fork());
                n.put("archived", r.archived());
                n.put("default_branch", "main");
            }
        }
        if (page < pages) {
            String base = url() + raw + "?" + query.replaceAll("&?page=[0-9]+", "");
            if (gitlab) {
                ex.getResponseHeaders().add("X-Next-Page", Integer.toString(page + 1));
                ex.getResponseHeaders().add("X-Total-Pages", Integer.toString(pages));
            } else {
                ex.getResponseHeaders().add("Link", "<" + base + "&page=" + (page + 1) + ">; rel=\"next\", <" + base
                        + "&page=" + pages + ">; rel=\"last\"");
            }
        }
        send(ex, 200, JSON.writeValueAsString(body));
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
