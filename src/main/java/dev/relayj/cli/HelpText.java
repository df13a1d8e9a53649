package dev.relayj.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Help screens laid out as optparse-applicative lays them out for the reference servers: 80
 * columns, option names indented by 2 and padded to 24, descriptions from column 27, wrapped by
 * words; a name longer than 24 puts its description on the next line.
 */
final class HelpText {
    private static final int WIDTH = 80;
    private static final int NAME_WIDTH = 24;
    private static final int DESCRIPTION_COLUMN = 2 + NAME_WIDTH + 1;
    private static final CliOption HELP = CliOption.flag("Show this help text", "h", "help");
    private static final CliOption VERSION = CliOption.flag("Show version", "v", "version");

    private HelpText() {}

    /** The screen shown for {@code --help} and when no command is given. */
    static String main(String program, String version, List<CliCommand> commands) {
        StringBuilder sb = new StringBuilder();
        sb.append(version).append("\n\n");
        sb.append("Usage: ").append(program).append(" [-v|--version] COMMAND\n\n");
        sb.append("Available options:\n");
        row(sb, HELP.listing(), HELP.help());
        row(sb, VERSION.listing(), VERSION.help());
        sb.append("\nAvailable commands:\n");
        for (CliCommand c : commands) {
            row(sb, c.name(), c.description());
        }
        return sb.toString();
    }

    /** The screen of {@code program command --help}. */
    static String command(String program, CliCommand command) {
        StringBuilder sb = new StringBuilder();
        sb.append(usage(program, command)).append("\n\n");
        sb.append(wrap(command.description(), 2, 2)).append("\n\n");
        if (!command.actions().isEmpty()) {
            sb.append("Available commands: ").append(String.join(", ", command.actions())).append("\n\n");
        }
        sb.append("Available options:\n");
        for (CliOption o : command.options()) {
            row(sb, o.listing(), o.help());
        }
        row(sb, HELP.listing(), HELP.help());
        return sb.toString();
    }

    /** {@code Usage: smp-server init [-l|--store-log] ...}, wrapped with a hanging indent. */
    static String usage(String program, CliCommand command) {
        String head = "Usage: " + program + " " + command.name();
        StringBuilder sb = new StringBuilder(head);
        int column = head.length();
        int indent = Math.min(head.length() + 1, 30);
        for (CliOption o : command.options()) {
            String item = o.usage();
            if (column + 1 + item.length() > WIDTH && column > indent) {
                sb.append('\n').append(" ".repeat(indent)).append(item);
                column = indent + item.length();
            } else {
                sb.append(' ').append(item);
                column += 1 + item.length();
            }
        }
        if (!command.actions().isEmpty()) {
            sb.append(" COMMAND");
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, String description) {
        sb.append("  ").append(name);
        if (name.length() > NAME_WIDTH) {
            sb.append('\n').append(" ".repeat(DESCRIPTION_COLUMN));
        } else {
            sb.append(" ".repeat(NAME_WIDTH - name.length() + 1));
        }
        sb.append(wrap(description, DESCRIPTION_COLUMN, 0)).append('\n');
    }

    /** Fills words into lines of at most 80 columns; the first line starts at {@code firstColumn}. */
    private static String wrap(String text, int indent, int firstIndent) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int column = indent;
        for (String word : text.split(" ")) {
            if (!line.isEmpty() && column + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line.setLength(0);
                column = indent;
            }
            if (!line.isEmpty()) {
                line.append(' ');
                column++;
            }
            line.append(word);
            column += word.length();
        }
        lines.add(line.toString());
        StringBuilder sb = new StringBuilder(" ".repeat(firstIndent));
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                sb.append('\n').append(" ".repeat(indent));
            }
            sb.append(lines.get(i));
        }
        return sb.toString();
    }
}
