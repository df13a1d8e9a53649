package dev.relayj.testing;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/** A {@link System.Logger} for tests that keeps each message's text, at every level, in a list. */
public final class ListLogger implements System.Logger {
    private final List<String> messages;

    public ListLogger(List<String> messages) {
        this.messages = messages;
    }

    @Override
    public String getName() {
        return "test";
    }

    @Override
    public boolean isLoggable(Level level) {
        return level != Level.OFF;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        messages.add(thrown == null ? message : message + ": " + thrown);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        messages.add(params == null || params.length == 0 ? format : new MessageFormat(format, Locale.ROOT).format(params));
    }
}
