package dev.relayj.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Standard input and output of a command; prompts read whole lines, so piped answers work as typed ones. */
final class Console {
    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;

    Console(InputStream in, PrintStream out, PrintStream err) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
        this.err = err;
    }

    void println(String line) {
        out.println(line);
        out.flush();
    }

    void print(String text) {
        out.print(text);
        out.flush();
    }

    void printErr(String text) {
        err.print(text);
        err.flush();
    }

    PrintStream out() {
        return out;
    }

    /** Shows the prompt ({@code withPrompt}) and reads one line; empty at end of input. */
    Optional<String> prompt(String text) {
        print(text);
        try {
            return Optional.ofNullable(in.readLine());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A prompt where end of input means the empty answer, i.e. the default. */
    String answer(String text) {
        return prompt(text).orElse("");
    }

    /** {@code onOffPrompt}: y/Y/n/N or empty for the default; asks again after anything else. */
    boolean onOffPrompt(String text, boolean dflt) {
        while (true) {
            Optional<String> line = prompt(text + (dflt ? " (Yn): " : " (yN): "));
            if (line.isEmpty()) {
                return dflt;
            }
            switch (line.get()) {
                case "" -> { return dflt; }
                case "y", "Y" -> { return true; }
                case "n", "N" -> { return false; }
                default -> println("Invalid input, please enter 'y' or 'n'");
            }
        }
    }

    /** {@code confirmOrExit}: only "Y" continues; anything else, end of input too, fails with {@code no}. */
    void confirmOrExit(String warning, String no) throws CliFailure {
        Optional<String> answer = prompt(warning + "\nContinue (Y/n): ");
        if (!answer.equals(Optional.of("Y"))) {
            throw new CliFailure(no);
        }
    }
}
