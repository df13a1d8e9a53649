package dev.relayj.cli;

import java.util.List;

/** A sub-command ({@code init}, {@code start}, ...) with its description and options. */
record CliCommand(String name, String description, List<CliOption> options) {}
