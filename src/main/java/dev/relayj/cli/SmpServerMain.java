package dev.relayj.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/** The {@code smp-server} command. */
public final class SmpServerMain {
    private SmpServerMain() {}

    public static void main(String[] args) {
        StopSignals.install();
        System.exit(run(args, System.getenv(), System.in, System.out, System.err));
    }

    /** Runs one command with the given environment and standard streams; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        return run(args, env, stdin, stdout, stderr, ServerRunner.UNTIL_SHUTDOWN);
    }

    static int run(String[] args, Map<String, String> env, InputStream stdin, PrintStream stdout, PrintStream stderr,
            ServerRunner runner) {
        return new SmpServerCli(new Console(stdin, stdout, stderr), SmpServerCli.dirs(env), runner).run(args);
    }
}
