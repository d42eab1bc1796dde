package dev.sprawl.cli;

import java.util.Map;

/**
 * What sprawl is talking to.
 *
 * @param stdout stdout is an interactive terminal (default format table, colours)
 * @param stderr stderr is an interactive terminal (the live progress line)
 * @param ci     running in CI ({@code CI} set): no progress line unless {@code --progress}
 */
record Terminal(boolean stdout, boolean stderr, boolean ci) {

    /**
     * From the process: the JVM knows whether it has a console (stdin and stdout on a terminal); the
     * launcher tells whether stderr is one ({@code SPRAWL_STDERR_TTY=1|0}).
     */
    static Terminal detect(boolean console, Map<String, String> env) {
        String tty = env.get("SPRAWL_STDERR_TTY");
        boolean stderr = tty != null ? tty.equals("1") : console;
        String ci = env.getOrDefault("CI", "");
        boolean inCi = !ci.isEmpty() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
        boolean dumb = "dumb".equals(env.get("TERM"));
        return new Terminal(console, stderr && !dumb, inCi);
    }
}
