package dev.sprawl.org;

/** A remote repository could not be cloned or fetched. The message names no credentials. */
public final class RepoUnavailable extends Exception {

    private static final long serialVersionUID = 1L;

    RepoUnavailable(String message) {
        super(message, null, false, false);
    }
}
