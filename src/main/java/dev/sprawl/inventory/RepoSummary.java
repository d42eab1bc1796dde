package dev.sprawl.inventory;

/**
 * One repository of an organisation scan (the report's top-level {@code repos[]}).
 *
 * @param repo     the repository's label ({@code github:acme/billing}, a clone URL without userinfo)
 * @param head     the commit HEAD named when it was scanned, or null (empty, or not available)
 * @param commits  commits walked in it
 * @param blobs    blobs scanned in it
 * @param secrets  distinct secrets with at least one location in it
 * @param complete false when it could not be scanned, or a warning says something in it may be missed
 */
public record RepoSummary(String repo, String head, long commits, long blobs, long secrets, boolean complete) {
}
