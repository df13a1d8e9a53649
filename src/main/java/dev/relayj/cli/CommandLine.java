package dev.relayj.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import joptsimple.OptionException;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpecBuilder;

/**
 * Splits the arguments into a command and its options with jopt-simple, and answers {@code -h},
 * {@code -v} and mistakes with the reference's texts (optparse-applicative: errors and the help
 * shown for no command go to stderr with exit code 1, requested help and version to stdout).
 */
final class CommandLine {
    /** What the arguments ask for. */
    sealed interface Invocation permits Run, Show {}

    /** Run {@code command} with {@code options}. */
    record Run(CliCommand command, Options options) implements Invocation {}

    /** Print {@code text} (to stdout or stderr) and exit with {@code exitCode}. */
    record Show(String text, boolean toStdout, int exitCode) implements Invocation {}

    private final String program;
    private final String version;
    private final List<CliCommand> commands;

    CommandLine(String program, String version, List<CliCommand> commands) {
        this.program = program;
        this.version = version;
        this.commands = List.copyOf(commands);
    }

    Invocation parse(String[] args) {
        String mainHelp = HelpText.main(program, version, commands);
        if (args.length == 0) {
            return new Show(mainHelp, false, 1);
        }
        String first = args[0];
        if (first.equals("-h") || first.equals("--help")) {
            return new Show(mainHelp, true, 0);
        }
        if (first.equals("-v") || first.equals("--version")) {
            return new Show(version + "\n", true, 0);
        }
        Optional<CliCommand> command = commands.stream().filter(c -> c.name().equals(first)).findFirst();
        if (command.isEmpty()) {
            String what = first.startsWith("-") ? "Invalid option `" : "Invalid argument `";
            return new Show(what + first + "'\n\nUsage: " + program + " [-v|--version] COMMAND\n", false, 1);
        }
        return parseCommand(command.get(), java.util.Arrays.copyOfRange(args, 1, args.length));
    }

    private Invocation parseCommand(CliCommand command, String[] args) {
        OptionParser parser = new OptionParser(false);
        for (CliOption o : command.options()) {
            OptionSpecBuilder spec = parser.acceptsAll(o.names(), o.help());
            switch (o.arg()) {
                case NONE -> { }
                case REQUIRED -> spec.withRequiredArg();
                case OPTIONAL -> spec.withOptionalArg();
            }
        }
        parser.acceptsAll(List.of("h", "help")).forHelp();
        String usage = HelpText.usage(program, command) + "\n";
        OptionSet set;
        try {
            set = parser.parse(args);
        } catch (OptionException e) {
            return new Show(describe(e) + "\n\n" + usage, false, 1);
        }
        if (set.has("help")) {
            return new Show(HelpText.command(program, command), true, 0);
        }
        List<?> arguments = set.nonOptionArguments();
        if (!command.actions().isEmpty()) {
            if (arguments.isEmpty()) {
                return new Show("Missing: COMMAND\n\n" + usage, false, 1);
            }
            if (!command.actions().contains(String.valueOf(arguments.get(0)))) {
                return new Show("Invalid argument `" + arguments.get(0) + "'\n\n" + usage, false, 1);
            }
            arguments = arguments.subList(1, arguments.size());
        }
        if (!arguments.isEmpty()) {
            return new Show("Invalid argument `" + arguments.get(0) + "'\n\n" + usage, false, 1);
        }
        List<String> missing = new ArrayList<>();
        for (CliOption o : command.options()) {
            if (o.required() && !set.has(o.key())) {
                missing.add(o.usage());
            }
        }
        if (!missing.isEmpty()) {
            return new Show("Missing: " + String.join(" ", missing) + "\n\n" + usage, false, 1);
        }
        return new Run(command, new Options(set));
    }

    private static String describe(OptionException e) {
        String option = e.options().isEmpty() ? "" : e.options().iterator().next();
        String shown = (option.length() == 1 ? "-" : "--") + option;
        return switch (e.getClass().getSimpleName()) {
            case "OptionMissingRequiredArgumentException" -> "The option `" + shown + "` expects an argument.";
            case "UnrecognizedOptionException" -> "Invalid option `" + shown + "'";
            default -> e.getMessage();
        };
    }

    /** The options given to a command, by long name. */
    static final class Options {
        private final OptionSet set;

        Options(OptionSet set) {
            this.set = set;
        }

        boolean has(String name) {
            return set.has(name);
        }

        /** The action argument of a command that takes one ({@code journal import}). */
        String action() {
            return String.valueOf(set.nonOptionArguments().get(0));
        }

        /** The argument of an option, the last one if it was given more than once. */
        Optional<String> value(String name) {
            if (!set.has(name) || !set.hasArgument(name)) {
                return Optional.empty();
            }
            List<?> values = set.valuesOf(name);
            return Optional.of(String.valueOf(values.get(values.size() - 1)));
        }
    }
}
