package dev.relayj.cli;

import java.io.PrintStream;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * Routes every {@link System.Logger} of the servers to standard error, one line per record, as the
 * reference logs ({@code lc_stderr = True}); without it the JDK would pick java.util.logging's
 * two-line format, or none at all in a runtime image without {@code java.logging}.
 */
public final class ConsoleLoggerFinder extends System.LoggerFinder {
    private static volatile System.Logger.Level threshold = System.Logger.Level.INFO;

    /** Sets the lowest level written, from the reference's {@code --log-level} names. */
    public static void setThreshold(String logLevel) {
        threshold = switch (logLevel) {
            case "trace" -> System.Logger.Level.TRACE;
            case "debug" -> System.Logger.Level.DEBUG;
            case "info", "note" -> System.Logger.Level.INFO;
            case "warn" -> System.Logger.Level.WARNING;
            case "error" -> System.Logger.Level.ERROR;
            default -> throw new IllegalArgumentException("unknown log level " + logLevel);
        };
    }

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new ConsoleLogger(name, System.err);
    }

    private record ConsoleLogger(String name, PrintStream out) implements System.Logger {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            return level != Level.OFF && level.getSeverity() >= threshold.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            if (!isLoggable(level)) {
                return;
            }
            String cause = thrown == null ? "" : ": " + thrown;
            out.println(Instant.now() + " " + label(level) + " " + message + cause);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (!isLoggable(level)) {
                return;
            }
            String message = params == null || params.length == 0 ? format : new MessageFormat(format, Locale.ROOT).format(params);
            log(level, bundle, message, (Throwable) null);
        }

        @Override
        public void log(Level level, Supplier<String> messageSupplier) {
            if (isLoggable(level)) {
                log(level, null, messageSupplier.get(), (Throwable) null);
            }
        }

        private static String label(Level level) {
            return switch (level) {
                case WARNING -> "WARN";
                default -> level.getName();
            };
        }
    }
}
