package dev.relayj.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** One run of a relay command with captured output. */
record CliRun(int exitCode, String out, String err) {
    static CliRun smp(Path cfg, Path log, String stdin, ServerRunner runner, String... args) {
        return run(true, cfg, log, stdin, runner, args);
    }

    static CliRun smp(Path cfg, Path log, String... args) {
        return run(true, cfg, log, "", server -> server.close(), args);
    }

    static CliRun xftp(Path cfg, Path log, String stdin, ServerRunner runner, String... args) {
        return run(false, cfg, log, stdin, runner, args);
    }

    static CliRun xftp(Path cfg, Path log, String... args) {
        return run(false, cfg, log, "", server -> server.close(), args);
    }

    private static CliRun run(boolean smp, Path cfg, Path log, String stdin, ServerRunner runner, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = smp
                ? Map.of(SmpServerCli.CFG_PATH_VAR, cfg.toString(), SmpServerCli.LOG_PATH_VAR, log.toString())
                : Map.of(XftpServerCli.CFG_PATH_VAR, cfg.toString(), XftpServerCli.LOG_PATH_VAR, log.toString());
        var in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = smp ? SmpServerMain.run(args, env, in, o, e, runner) : XftpServerMain.run(args, env, in, o, e, runner);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
