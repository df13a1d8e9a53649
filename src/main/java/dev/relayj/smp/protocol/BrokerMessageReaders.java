package dev.relayj.smp.protocol;

import java.util.Map;

/** Every server message tag, with the reader of its parameters ({@code BrokerMsgTag}). */
final class BrokerMessageReaders {
    private BrokerMessageReaders() {}

    private static final Map<String, ProtocolParsing.TaggedReader<BrokerMessage>> READERS = Map.ofEntries(
            Map.entry("IDS", BrokerMessage.Ids::read),
            Map.entry("LNK", BrokerMessage.Lnk::read),
            Map.entry("SOK", BrokerMessage.Sok::read),
            Map.entry("SOKS", BrokerMessage.Soks::read),
            Map.entry("MSG", BrokerMessage.Msg::read),
            Map.entry("NID", BrokerMessage.Nid::read),
            Map.entry("NMSG", BrokerMessage.Nmsg::read),
            Map.entry("PKEY", BrokerMessage.Pkey::read),
            Map.entry("RRES", BrokerMessage.Rres::read),
            Map.entry("PRES", BrokerMessage.Pres::read),
            Map.entry("END", noParams(BrokerMessage.END)),
            Map.entry("ENDS", BrokerMessage.Ends::read),
            Map.entry("DELD", noParams(BrokerMessage.DELD)),
            Map.entry("INFO", BrokerMessage.Info::read),
            Map.entry("OK", noParams(BrokerMessage.OK)),
            Map.entry("ERR", BrokerMessage.Err::read),
            Map.entry("PONG", noParams(BrokerMessage.PONG)));

    static ProtocolParsing.TaggedReader<BrokerMessage> forTag(String tag) {
        return READERS.get(tag);
    }

    private static ProtocolParsing.TaggedReader<BrokerMessage> noParams(BrokerMessage message) {
        return (reader, version) -> message;
    }
}
