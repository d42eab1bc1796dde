package dev.sprawl.org;

/**
 * Credentials for one HTTP(S) remote: a user name and a password or token. The password never
 * appears in {@link #toString}, logs, warnings or reports.
 */
public record Login(String user, String password) {

    public Login {
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    @Override
    public String toString() {
        return "Login[user=" + user + ", password=<redacted>]";
    }
}
