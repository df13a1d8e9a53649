package dev.relayj.smp.server;

import java.util.List;

/**
 * One item of a client's send queue: responses sent together in as few blocks as possible, then
 * messages delivered by SUB each in its own block ({@code sndQ} items in Server.hs).
 */
record Outgoing(List<Reply> replies, List<Reply> messages) {
    Outgoing {
        replies = List.copyOf(replies);
        messages = List.copyOf(messages);
    }

    static Outgoing of(List<Reply> replies) {
        return new Outgoing(replies, List.of());
    }
}
