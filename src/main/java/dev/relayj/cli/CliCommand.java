package dev.relayj.cli;

import java.util.List;

/**
 * A sub-command ({@code init}, {@code start}, ...) with its description and options; a command
 * such as {@code journal} takes exactly one of its {@code actions} ({@code import}, ...) as argument.
 */
record CliCommand(String name, String description, List<CliOption> options, List<String> actions) {
    CliCommand(String name, String description, List<CliOption> options) {
        this(name, description, options, List.of());
    }
}
