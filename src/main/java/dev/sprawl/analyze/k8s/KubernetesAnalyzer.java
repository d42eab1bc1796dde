package dev.sprawl.analyze.k8s;

import dev.sprawl.analyze.Analyzer;
import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.CredentialKeys;
import dev.sprawl.analyze.JsonTrees;
import dev.sprawl.analyze.OwnerKeys;
import dev.sprawl.analyze.Text;
import dev.sprawl.analyze.Tree;
import dev.sprawl.analyze.TreeWalk;
import dev.sprawl.analyze.Variables;
import dev.sprawl.classify.Identity;
import dev.sprawl.analyze.container.DockerConfigAnalyzer;
import dev.sprawl.inventory.Owner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Kubernetes manifests (any YAML or JSON file whose documents have {@code apiVersion} and
 * {@code kind}; multi-document streams and {@code kind: List} included) and kubeconfig files:
 * <ul>
 *   <li>{@code Secret}: every {@code data} value is base64-decoded and scanned with the rules; when no
 *       rule matches, a value under a credential's key is reported whole ({@code k8s-secret-value},
 *       category by key name, confidence by entropy). {@code stringData} literals likewise;
 *       {@code .dockerconfigjson} registry passwords are decoded.</li>
 *   <li>{@code ConfigMap}: literals under credential keys ({@code k8s-configmap-credential}).</li>
 *   <li>Workloads: literal {@code env} values under credential names ({@code k8s-env-literal}).</li>
 *   <li>kubeconfig ({@code kind: Config}): {@code client-key-data} (decoded), {@code token},
 *       {@code password}, auth-provider secrets ({@code kubeconfig-credential}); identity: the user
 *       entry's name and {@code username} (user) and the {@code server} host of every cluster a
 *       context pairs with that user (host).</li>
 *   <li>{@code SealedSecret} {@code encryptedData} is ciphertext: not a leak.</li>
 * </ul>
 * Not parsed (the text scan still covers them): Helm templates (files under {@code templates/} with
 * <code>{{</code>) and files holding only {@code CustomResourceDefinition}s.
 * References: {@code secretKeyRef}, {@code secretRef} (and CRDs' {@code *SecretRef}), secret volumes,
 * {@code imagePullSecrets}, other {@code secretName}s, {@code ExternalSecret} remote keys. Each object
 * is a scope: {@code resource: Kind/name}, and its owner from owner-like labels or annotations
 * ({@code source: k8s-label}). Context: {@code k8s}.
 */
public final class KubernetesAnalyzer implements Analyzer {

    private static final String KEY_REF = "k8s-secret-key-ref";
    private static final String REF = "k8s-secret-ref";
    private static final Set<String> SKIPPED_CLUSTER_KEYS = Set.of("certificate-authority-data");
    /** Kinds that only describe schemas: a file of nothing else is not parsed. */
    private static final Set<String> SCHEMA_KINDS = Set.of("CustomResourceDefinition");
    private static final java.util.regex.Pattern TOP_LEVEL_KIND = java.util.regex.Pattern.compile(
            "(?m)^kind:[ \t]*[\"']?([A-Za-z0-9]{1,100})");

    @Override
    public String id() {
        return "kubernetes";
    }

    @Override
    public Fit fit(String path, String fileName) {
        if (fileName.equals("kubeconfig") || fileName.endsWith(".kubeconfig") || path.equals(".kube/config")
                || path.endsWith("/.kube/config")) {
            return Fit.NAME;
        }
        return fileName.endsWith(".yaml") || fileName.endsWith(".yml") || fileName.endsWith(".json") ? Fit.CONTENT : Fit.NO;
    }

    @Override
    public void analyze(AnalyzerInput in, AnalyzerOutput out) {
        String s = in.text().content();
        boolean kubeconfigName = fit(in.path(), in.fileName()) == Fit.NAME;
        if (!kubeconfigName && !(s.contains("apiVersion") && s.contains("kind"))) {
            return;
        }
        if (s.contains("{{") && ("/" + in.path()).contains("/templates/")) {
            // a Helm template: not YAML until rendered; the text scan covers it
            return;
        }
        if (onlySchemas(s)) {
            // CustomResourceDefinitions are large schemas that hold no credentials: not worth parsing
            out.context("k8s");
            return;
        }
        for (Tree doc : in.documents()) {
            if (doc instanceof Tree.Mapping m) {
                object(m, kubeconfigName, in, out);
            }
        }
    }

    private static void object(Tree.Mapping m, boolean kubeconfigName, AnalyzerInput in, AnalyzerOutput out) {
        String kind = m.text("kind");
        if (kind == null && kubeconfigName && m.get("users") != null) {
            kind = "Config";
        }
        if (kind == null || m.text("apiVersion") == null && !kubeconfigName) {
            return;
        }
        out.context("k8s");
        if (kind.equals("List") && m.get("items") instanceof Tree.Sequence items) {
            for (Tree item : items.items()) {
                if (item instanceof Tree.Mapping im) {
                    object(im, false, in, out);
                }
            }
            return;
        }
        Tree.Mapping metadata = m.mapping("metadata");
        String name = metadata == null ? null : metadata.text("name");
        out.scope(m.span(), name == null ? kind : kind + "/" + name, owner(metadata, in));
        switch (kind) {
            case "Secret" -> secret(m, out);
            case "ConfigMap" -> configMap(m, out);
            case "Config" -> kubeconfig(m, out);
            case "SealedSecret" -> sealed(m, out);
            case "ExternalSecret" -> external(m, out);
            default -> { }
        }
        workload(m, "", AnalyzerRule.K8S_ENV_LITERAL, out);
    }

    /** True when every top-level {@code kind:} of a block-style YAML file is a schema kind. */
    static boolean onlySchemas(String s) {
        java.util.regex.Matcher m = TOP_LEVEL_KIND.matcher(s);
        boolean any = false;
        while (m.find()) {
            if (!SCHEMA_KINDS.contains(m.group(1))) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /** The owner named by owner-like labels or annotations, or null. */
    static Owner owner(Tree.Mapping metadata, AnalyzerInput in) {
        if (metadata == null) {
            return null;
        }
        List<OwnerKeys.Tag> tags = new ArrayList<>();
        for (String field : new String[] {"labels", "annotations"}) {
            tags.addAll(tags(metadata.get(field)));
        }
        return OwnerKeys.owner(tags, "k8s-label", in.path(), in.text());
    }

    /** The scalar entries of a mapping as tags. */
    static List<OwnerKeys.Tag> tags(Tree t) {
        List<OwnerKeys.Tag> tags = new ArrayList<>();
        if (t instanceof Tree.Mapping labels) {
            for (Tree.Entry e : labels.entries()) {
                if (e.value() instanceof Tree.Scalar v && e.key() != null) {
                    tags.add(new OwnerKeys.Tag(e.key(), v.value(), e.keySpan().start()));
                }
            }
        }
        return tags;
    }

    private static void secret(Tree.Mapping m, AnalyzerOutput out) {
        for (Tree data : m.all("data")) {
            if (!(data instanceof Tree.Mapping dm)) {
                continue;
            }
            for (Tree.Entry e : dm.entries()) {
                if (!(e.value() instanceof Tree.Scalar v) || e.key() == null) {
                    continue;
                }
                String key = TreeWalk.child("data", e.key());
                if (e.key().equals(".dockerconfigjson") || e.key().equals(".dockercfg")) {
                    dockerConfig(out, v, true);
                }
                out.base64(AnalyzerRule.K8S_SECRET_VALUE, CredentialKeys.categoryOf(e.key()), key, v);
            }
        }
        for (Tree data : m.all("stringData")) {
            if (!(data instanceof Tree.Mapping dm)) {
                continue;
            }
            for (Tree.Entry e : dm.entries()) {
                if (e.value() instanceof Tree.Scalar v && e.key() != null) {
                    if (e.key().equals(".dockerconfigjson") || e.key().equals(".dockercfg")) {
                        dockerConfig(out, v, false);
                    }
                    out.credential(AnalyzerRule.K8S_SECRET_VALUE, e.key(), TreeWalk.child("stringData", e.key()), v);
                }
            }
        }
    }

    private static void dockerConfig(AnalyzerOutput out, Tree.Scalar v, boolean base64) {
        String json = v.value();
        if (base64) {
            byte[] bytes = decode(v.value());
            if (bytes == null) {
                return;
            }
            json = new String(bytes, StandardCharsets.UTF_8);
        }
        if (json.length() <= JSON_CAP && JsonTrees.parse(new Text(json)).tree() instanceof Tree.Mapping root) {
            DockerConfigAnalyzer.auths(root, v.span(), out);
        }
    }

    /** Largest decoded Docker config parsed. */
    private static final int JSON_CAP = 1024 * 1024;

    private static byte[] decode(String b64) {
        try {
            return java.util.Base64.getMimeDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void configMap(Tree.Mapping m, AnalyzerOutput out) {
        for (Tree data : m.all("data")) {
            if (data instanceof Tree.Mapping dm) {
                for (Tree.Entry e : dm.entries()) {
                    out.credential(AnalyzerRule.K8S_CONFIGMAP_CREDENTIAL, e.key(), TreeWalk.child("data", e.key()), e.value());
                }
            }
        }
    }

    private static void kubeconfig(Tree.Mapping m, AnalyzerOutput out) {
        if (!(m.get("users") instanceof Tree.Sequence users)) {
            return;
        }
        java.util.Map<String, List<Identity>> clusters = clusterHosts(m, out);
        for (int i = 0; i < users.items().size(); i++) {
            if (!(users.items().get(i) instanceof Tree.Mapping u) || !(u.get("user") instanceof Tree.Mapping user)) {
                continue;
            }
            String name = u.text("name");
            String path = TreeWalk.child(TreeWalk.item("users", i), "user");
            out.scope(u.span(), "user " + (name == null ? i : name), null);
            List<Identity> ids = new ArrayList<>();
            if (name != null) {
                ids.add(out.identity(Identity.USER, name, u.get("name").span().start()));
                ids.addAll(clusters.getOrDefault(name, List.of()));
            }
            if (user.get("username") instanceof Tree.Scalar un) {
                ids.add(out.identity(Identity.USER, un.value(), un.span().start()));
            }
            out.identify(u.span(), ids);
            for (Tree.Entry e : user.entries()) {
                String key = e.key() == null ? "" : e.key();
                String p = TreeWalk.child(path, key);
                if (e.value() instanceof Tree.Scalar v && key.endsWith("-data")) {
                    if (!SKIPPED_CLUSTER_KEYS.contains(key)) {
                        out.base64(AnalyzerRule.KUBECONFIG_CREDENTIAL, CredentialKeys.categoryOf(key), p, v);
                    }
                } else if (e.value() instanceof Tree.Scalar v) {
                    out.credential(AnalyzerRule.KUBECONFIG_CREDENTIAL, key, p, v);
                } else if (key.equals("auth-provider") && e.value() instanceof Tree.Mapping ap
                        && ap.get("config") instanceof Tree.Mapping cfg) {
                    for (Tree.Entry c : cfg.entries()) {
                        out.credential(AnalyzerRule.KUBECONFIG_CREDENTIAL, c.key(), TreeWalk.child(p, "config." + c.key()),
                                c.value());
                    }
                } else if (key.equals("exec") && e.value() instanceof Tree.Mapping ex && ex.get("env") != null) {
                    Variables.block(AnalyzerRule.KUBECONFIG_CREDENTIAL, ex.get("env"), TreeWalk.child(p, "env"), out);
                }
            }
        }
    }

    /**
     * For each kubeconfig user name, the {@code server} hosts of the clusters that contexts pair it
     * with (context linking user and cluster).
     */
    private static java.util.Map<String, List<Identity>> clusterHosts(Tree.Mapping m, AnalyzerOutput out) {
        java.util.Map<String, Identity> servers = new java.util.HashMap<>();
        if (m.get("clusters") instanceof Tree.Sequence cs) {
            for (Tree c : cs.items()) {
                if (c instanceof Tree.Mapping cm && cm.text("name") != null && cm.get("cluster") instanceof Tree.Mapping cl
                        && cl.get("server") instanceof Tree.Scalar server) {
                    String host = server.value().replaceFirst("^[A-Za-z][A-Za-z0-9+.-]*://", "").replaceFirst("/.*$", "");
                    int at = host.lastIndexOf('@');
                    servers.put(cm.text("name"), out.identity(Identity.HOST, host.substring(at + 1), server.span().start()));
                }
            }
        }
        java.util.Map<String, List<Identity>> byUser = new java.util.HashMap<>();
        if (m.get("contexts") instanceof Tree.Sequence ctxs) {
            for (Tree c : ctxs.items()) {
                if (c instanceof Tree.Mapping cm && cm.get("context") instanceof Tree.Mapping ctx && ctx.text("user") != null
                        && servers.get(ctx.text("cluster")) != null) {
                    byUser.computeIfAbsent(ctx.text("user"), k -> new ArrayList<>()).add(servers.get(ctx.text("cluster")));
                }
            }
        }
        return byUser;
    }

    private static void sealed(Tree.Mapping m, AnalyzerOutput out) {
        if (m.get("spec") instanceof Tree.Mapping spec && spec.get("encryptedData") instanceof Tree.Mapping enc) {
            for (Tree.Entry e : enc.entries()) {
                out.nonLiteral(e.value().span());
            }
        }
    }

    private static void external(Tree.Mapping m, AnalyzerOutput out) {
        if (!(m.get("spec") instanceof Tree.Mapping spec)) {
            return;
        }
        for (String list : new String[] {"data", "dataFrom"}) {
            if (!(spec.get(list) instanceof Tree.Sequence q)) {
                continue;
            }
            for (int i = 0; i < q.items().size(); i++) {
                if (!(q.items().get(i) instanceof Tree.Mapping item)) {
                    continue;
                }
                Tree.Mapping ref = item.mapping("remoteRef");
                if (ref == null) {
                    ref = item.mapping("extract");
                }
                if (ref != null && ref.get("key") instanceof Tree.Scalar key) {
                    String property = ref.text("property");
                    out.reference("external-secret", property == null ? key.value() : key.value() + "/" + property,
                            key.span(), TreeWalk.item("spec." + list, i));
                }
            }
        }
    }

    /**
     * Literal credentials in container {@code env} lists, and every reference to a Secret, anywhere
     * under {@code node} (manifests, Helm values and pod templates alike).
     */
    public static void workload(Tree node, String path, AnalyzerRule rule, AnalyzerOutput out) {
        if (node instanceof Tree.Sequence q) {
            for (int i = 0; i < q.items().size(); i++) {
                workload(q.items().get(i), TreeWalk.item(path, i), rule, out);
            }
            return;
        }
        if (!(node instanceof Tree.Mapping m)) {
            return;
        }
        for (Tree.Entry e : m.entries()) {
            String key = e.key() == null ? "" : e.key();
            String p = TreeWalk.child(path, key);
            Tree v = e.value();
            if (key.equals("env") && v instanceof Tree.Sequence env) {
                for (int i = 0; i < env.items().size(); i++) {
                    if (env.items().get(i) instanceof Tree.Mapping item && item.text("name") != null
                            && item.get("value") instanceof Tree.Scalar value) {
                        out.credential(rule, item.text("name"), TreeWalk.child(p, item.text("name")), value);
                    }
                }
            }
            if (v instanceof Tree.Mapping ref && (key.equals("secretKeyRef") || key.endsWith("SecretRef")
                    || key.equals("secretRef"))) {
                String name = ref.text("name");
                String k = ref.text("key");
                String kind = key.equals("secretKeyRef") ? KEY_REF : REF;
                if (name != null) {
                    out.reference(kind, k == null ? name : name + "/" + k, ref.span(), p);
                }
                continue;
            }
            if (key.equals("secret") && v instanceof Tree.Mapping vol) {
                String name = vol.text("secretName") != null ? vol.text("secretName") : vol.text("name");
                if (name != null) {
                    out.reference("k8s-secret-volume", name, vol.span(), p);
                    continue;
                }
            }
            if (key.equals("imagePullSecrets") && v instanceof Tree.Sequence pulls) {
                for (int i = 0; i < pulls.items().size(); i++) {
                    Tree item = pulls.items().get(i);
                    if (item instanceof Tree.Mapping im && im.get("name") instanceof Tree.Scalar n) {
                        out.reference("k8s-image-pull-secret", n.value(), n.span(), TreeWalk.item(p, i));
                    } else if (item instanceof Tree.Scalar n) {
                        out.reference("k8s-image-pull-secret", n.value(), n.span(), TreeWalk.item(p, i));
                    }
                }
                continue;
            }
            if (key.equals("secretName") && v instanceof Tree.Scalar n && n.kind() == Tree.Kind.STRING) {
                out.reference("k8s-secret-name", n.value(), n.span(), p);
                continue;
            }
            workload(v, p, rule, out);
        }
    }
}
