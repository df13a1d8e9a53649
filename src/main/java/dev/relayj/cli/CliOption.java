package dev.relayj.cli;

import java.util.List;

/**
 * One command-line option as the reference declares it with optparse-applicative: its names (a
 * one-letter short name first when it has one), the metavariable of its argument, and its help.
 */
record CliOption(List<String> names, String metavar, Arg arg, boolean required, String help) {
    enum Arg { NONE, REQUIRED, OPTIONAL }

    static CliOption flag(String help, String... names) {
        return new CliOption(List.of(names), "", Arg.NONE, false, help);
    }

    static CliOption withArg(String metavar, String help, String... names) {
        return new CliOption(List.of(names), metavar, Arg.REQUIRED, false, help);
    }

    static CliOption requiredArg(String metavar, String help, String... names) {
        return new CliOption(List.of(names), metavar, Arg.REQUIRED, true, help);
    }

    /** A flag that may also take a value, as the reference's {@code flag' x <|> option ...} pairs. */
    static CliOption optionalArg(String metavar, String help, String... names) {
        return new CliOption(List.of(names), metavar, Arg.OPTIONAL, false, help);
    }

    /** The long name, used to look the option up. */
    String key() {
        return names.get(names.size() - 1);
    }

    /** As optparse lists it: {@code -a,--sign-algorithm ALG}. */
    String listing() {
        return joinNames(",") + argSuffix();
    }

    /** As optparse shows it in a usage line: {@code [-a|--sign-algorithm ALG]}. */
    String usage() {
        String body = joinNames("|") + argSuffix();
        return required ? "(" + body + ")" : "[" + body + "]";
    }

    private String argSuffix() {
        return switch (arg) {
            case NONE -> "";
            case REQUIRED -> " " + metavar;
            case OPTIONAL -> " [" + metavar + "]";
        };
    }

    private String joinNames(String separator) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            if (!sb.isEmpty()) {
                sb.append(separator);
            }
            sb.append(n.length() == 1 ? "-" : "--").append(n);
        }
        return sb.toString();
    }
}
