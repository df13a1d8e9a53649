package dev.relayj.cli;

/**
 * relayj's answer wherever the reference would use PostgreSQL ({@code store_queues: database},
 * {@code store_files: database}, the {@code database} command). The reference's own text there
 * sends the operator to download a PostgreSQL build, which is no help to a relayj operator.
 */
enum NoPostgres {
    SMP("smp-server", "queues", "the store log and the message log",
            "store_queues: memory and store_messages: memory in smp-server.ini"),
    XFTP("xftp-server", "files", "the store log", "store_files: memory in file-server.ini");

    private final String program;
    private final String kept;
    private final String exported;
    private final String settings;

    NoPostgres(String program, String kept, String exported, String settings) {
        this.program = program;
        this.kept = kept;
        this.exported = exported;
        this.settings = settings;
    }

    CliFailure failure() {
        return new CliFailure("Error: relayj keeps " + kept + " in memory with a store log; it has no PostgreSQL "
                + "storage.\nTo move a relay off PostgreSQL, run the reference's `" + program + " database export` "
                + "(it writes " + exported + "), then set " + settings + " and start relayj.");
    }
}
