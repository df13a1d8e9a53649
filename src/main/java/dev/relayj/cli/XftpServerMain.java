package dev.relayj.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/** The {@code xftp-server} command. */
public final class XftpServerMain {
    private XftpServerMain() {}

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
        return new XftpServerCli(new Console(stdin, stdout, stderr), XftpServerCli.dirs(env), runner).run(args);
    }
}
