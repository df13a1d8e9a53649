package dev.relayj.smp.protocol;

import java.util.Map;

/** Every command tag a server accepts, with the reader of its parameters ({@code CmdTag}). */
final class CommandReaders {
    private CommandReaders() {}

    private static final Map<String, ProtocolParsing.TaggedReader<Command>> READERS = Map.ofEntries(
            Map.entry("NEW", Command.New::read),
            Map.entry("SUB", noParams(Command.SUB)),
            Map.entry("SUBS", noParams(Command.SUBS)),
            Map.entry("KEY", Command.Key::read),
            Map.entry("RKEY", Command.RKey::read),
            Map.entry("LSET", Command.LSet::read),
            Map.entry("LDEL", noParams(Command.LDEL)),
            Map.entry("NKEY", Command.NKey::read),
            Map.entry("NDEL", noParams(Command.NDEL)),
            Map.entry("GET", noParams(Command.GET)),
            Map.entry("ACK", Command.Ack::read),
            Map.entry("OFF", noParams(Command.OFF)),
            Map.entry("DEL", noParams(Command.DEL)),
            Map.entry("QUE", noParams(Command.QUE)),
            Map.entry("SKEY", Command.SKey::read),
            Map.entry("SEND", Command.Send::read),
            Map.entry("PING", noParams(Command.PING)),
            Map.entry("LKEY", Command.LKey::read),
            Map.entry("LGET", noParams(Command.LGET)),
            Map.entry("PRXY", Command.Prxy::read),
            Map.entry("PFWD", Command.Pfwd::read),
            Map.entry("RFWD", Command.Rfwd::read),
            Map.entry("NSUB", noParams(Command.NSUB)),
            Map.entry("NSUBS", noParams(Command.NSUBS)));

    static ProtocolParsing.TaggedReader<Command> forTag(String tag) {
        return READERS.get(tag);
    }

    private static ProtocolParsing.TaggedReader<Command> noParams(Command command) {
        return (reader, version) -> command;
    }
}
