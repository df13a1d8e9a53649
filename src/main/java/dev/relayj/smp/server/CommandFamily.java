package dev.relayj.smp.server;

import dev.relayj.smp.store.MessageStore;
import dev.relayj.smp.store.QueueStore;
import dev.relayj.stats.SmpServerStats;

/** What each command family of a session works on: the session, the relay's stores and its counters. */
abstract class CommandFamily {
    final SessionCommands session;
    final RelayEnv env;
    final ClientSession client;
    final SmpServerStats stats;
    final QueueStore queues;
    final MessageStore messages;

    CommandFamily(SessionCommands session) {
        this.session = session;
        this.env = session.env();
        this.client = session.client();
        this.stats = session.env().stats;
        this.queues = session.env().queueStore;
        this.messages = session.env().messageStore;
    }
}
