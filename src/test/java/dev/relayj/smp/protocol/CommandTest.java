package dev.relayj.smp.protocol;

import static dev.relayj.smp.protocol.Samples.ED448_KEY;
import static dev.relayj.smp.protocol.Samples.SAMPLE_DH_PUB_KEY;
import static dev.relayj.smp.protocol.Samples.SAMPLE_PUB_KEY;
import static dev.relayj.smp.protocol.Samples.X25519_KEY;
import static dev.relayj.smp.protocol.Samples.ascii;
import static dev.relayj.smp.protocol.Samples.concat;
import static dev.relayj.smp.protocol.Samples.entity;
import static dev.relayj.smp.protocol.Samples.key;
import static dev.relayj.smp.protocol.Samples.large;
import static dev.relayj.smp.protocol.Samples.shortBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.relayj.crypto.AuthPublicKey;
import dev.relayj.protocol.BasicAuth;
import dev.relayj.protocol.CommandError;
import dev.relayj.protocol.EntityId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandTest {
    static final int[] BOUNDARY_VERSIONS = {6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18};

    private static final QueueLinkData LINK_DATA = new QueueLinkData(ascii("fixed data"), ascii("user data"));

    private static NewQueueRequest newRequest(BasicAuth auth, QueueRequestData data, NewNotifierCredentials ntf) {
        return new NewQueueRequest(SAMPLE_PUB_KEY, SAMPLE_DH_PUB_KEY, auth, SubscriptionMode.SUBSCRIBE, data, ntf);
    }

    private static Command parseOk(int version, byte[] bytes) {
        Parsed<Command> parsed = Command.parse(version, bytes);
        assertNull(parsed.error(), () -> "parse error for " + Samples.text(bytes));
        return parsed.value();
    }

    private static void assertSyntax(int version, byte[] bytes) {
        assertEquals(ErrorType.cmd(CommandError.SYNTAX), Command.parse(version, bytes).error());
    }

    @Test
    void newAtV6HasOptionalAuthTaggedWithA() {
        byte[] keys = concat(ascii("NEW "), key(SAMPLE_PUB_KEY), key(SAMPLE_DH_PUB_KEY));
        Command withAuth = new Command.New(newRequest(BasicAuth.of("pass"), new QueueRequestData.Messaging(null), null));
        assertArrayEquals(concat(keys, ascii("A"), shortBytes("pass"), ascii("S")), withAuth.encode(6));
        Command noAuth = new Command.New(newRequest(null, null, null));
        assertArrayEquals(concat(keys, ascii("S")), noAuth.encode(8));
        Command parsed = parseOk(6, concat(keys, ascii("A"), shortBytes("pass"), ascii("C")));
        NewQueueRequest request = ((Command.New) parsed).request();
        assertEquals(BasicAuth.of("pass"), request.basicAuth());
        assertEquals(SubscriptionMode.ONLY_CREATE, request.subscriptionMode());
        assertNull(request.queueRequestData());
        // "A" with an invalid password falls back to no auth, then "A" is not a subscription mode
        assertSyntax(6, concat(keys, ascii("A"), shortBytes("p@ss"), ascii("S")));
    }

    @Test
    void newFromV9SendsSenderCanSecure() {
        byte[] keys = concat(ascii("NEW "), key(SAMPLE_PUB_KEY), key(SAMPLE_DH_PUB_KEY));
        Command messaging = new Command.New(newRequest(null, new QueueRequestData.Messaging(null), null));
        assertArrayEquals(concat(keys, ascii("0ST")), messaging.encode(9));
        Command contact = new Command.New(newRequest(BasicAuth.of("pw"), new QueueRequestData.Contact(null, null), null));
        assertArrayEquals(concat(keys, ascii("1"), shortBytes("pw"), ascii("SF")), contact.encode(14));
        // no request data reads as a contact queue (senderCanSecure Nothing = False)
        assertArrayEquals(concat(keys, ascii("0SF")), new Command.New(newRequest(null, null, null)).encode(14));
        NewQueueRequest parsed = ((Command.New) parseOk(12, concat(keys, ascii("0ST")))).request();
        assertEquals(QueueMode.MESSAGING, parsed.queueMode());
        assertEquals(QueueMode.CONTACT, ((Command.New) parseOk(12, concat(keys, ascii("0SF")))).request().queueMode());
    }

    @Test
    void newFromV15SendsQueueRequestData() {
        byte[] keys = concat(ascii("NEW "), key(SAMPLE_PUB_KEY), key(SAMPLE_DH_PUB_KEY));
        EntityId senderId = entity("sender-id-sender-id-1234");
        Command messaging = new Command.New(newRequest(null,
                new QueueRequestData.Messaging(new QueueRequestData.SenderLink(senderId, LINK_DATA)), null));
        byte[] linkBytes = concat(shortBytes(senderId.bytes()), large(ascii("fixed data")), large(ascii("user data")));
        assertArrayEquals(concat(keys, ascii("0S1M1"), linkBytes), messaging.encode(15));
        Command contact = new Command.New(newRequest(null,
                new QueueRequestData.Contact(entity("link"), new QueueRequestData.SenderLink(senderId, LINK_DATA)), null));
        assertArrayEquals(concat(keys, ascii("0S1C1"), shortBytes("link"), linkBytes), contact.encode(16));
        assertArrayEquals(concat(keys, ascii("0S0")), new Command.New(newRequest(null, null, null)).encode(16));
    }

    @Test
    void newFromV17SendsNotifierCredentials() {
        byte[] keys = concat(ascii("NEW "), key(SAMPLE_PUB_KEY), key(SAMPLE_DH_PUB_KEY));
        // the "no signature" case of ServerTests.hs serverSyntaxTests, as sent by a current client
        byte[] fromReference = concat(keys, ascii("0S1M00"));
        Command expected = new Command.New(newRequest(null, new QueueRequestData.Messaging(null), null));
        assertArrayEquals(fromReference, expected.encode(18));
        assertEquals(expected, parseOk(18, fromReference));
        NewNotifierCredentials ntf = new NewNotifierCredentials(ED448_KEY, X25519_KEY);
        Command withNtf = new Command.New(newRequest(null, new QueueRequestData.Contact(null, null), ntf));
        assertArrayEquals(concat(keys, ascii("0S1C01"), key(ED448_KEY), key(X25519_KEY)), withNtf.encode(17));
        // ntf credentials are not sent to v16
        assertArrayEquals(concat(keys, ascii("0S1C0")), withNtf.encode(16));
    }

    @Test
    void commandsWithParameters() {
        assertArrayEquals(concat(ascii("KEY "), key(SAMPLE_PUB_KEY)), new Command.Key(SAMPLE_PUB_KEY).encode(18));
        assertArrayEquals(concat(ascii("SKEY "), key(X25519_KEY)), new Command.SKey(X25519_KEY).encode(18));
        assertArrayEquals(concat(ascii("LKEY "), key(ED448_KEY)), new Command.LKey(ED448_KEY).encode(18));
        assertArrayEquals(concat(ascii("RKEY "), new byte[] {2}, key(SAMPLE_PUB_KEY), key(X25519_KEY)),
                new Command.RKey(List.of(SAMPLE_PUB_KEY, X25519_KEY)).encode(18));
        assertArrayEquals(concat(ascii("LSET "), shortBytes("lnk"), large(ascii("fixed data")), large(ascii("user data"))),
                new Command.LSet(entity("lnk"), LINK_DATA).encode(18));
        assertArrayEquals(concat(ascii("NKEY "), key(SAMPLE_PUB_KEY), key(SAMPLE_DH_PUB_KEY)),
                new Command.NKey(SAMPLE_PUB_KEY, SAMPLE_DH_PUB_KEY).encode(18));
        // ServerTests.hs: (ACK_, ' ', "1234")
        assertArrayEquals(concat(ascii("ACK "), shortBytes("1234")), new Command.Ack(ascii("1234")).encode(18));
        // ServerTests.hs: (SEND_, ' ', noMsgFlags, ' ', "hello")
        assertArrayEquals(ascii("SEND F hello"), new Command.Send(MsgFlags.NONE, ascii("hello")).encode(18));
        assertArrayEquals(ascii("SEND T "), new Command.Send(MsgFlags.NOTIFY, new byte[0]).encode(18));
        assertArrayEquals(concat(ascii("PFWD "), new byte[] {0, 17}, key(X25519_KEY), ascii("ciphertext")),
                new Command.Pfwd(17, X25519_KEY, ascii("ciphertext")).encode(18));
        assertArrayEquals(ascii("RFWD ciphertext"), new Command.Rfwd(ascii("ciphertext")).encode(18));
    }

    @Test
    void prxyCarriesTheServerInBinary() throws Exception {
        SmpServerAddress server = SmpServerAddress.parse("smp://LcJUMfVhwD8yxjAiSaDzzGF3-kLG4Uh0Fl_ZIjrRwjI=@localhost,10.0.0.1:5223");
        byte[] expected = concat(ascii("PRXY "), new byte[] {2}, shortBytes("localhost"), shortBytes("10.0.0.1"),
                shortBytes("5223"), shortBytes(server.keyHash()), ascii("1"), shortBytes("secret"));
        Command prxy = new Command.Prxy(server, BasicAuth.of("secret"));
        assertArrayEquals(expected, prxy.encode(18));
        assertEquals(prxy, parseOk(18, expected));
        assertEquals(new Command.Prxy(server, null), parseOk(8, concat(ascii("PRXY "), new byte[] {2},
                shortBytes("localhost"), shortBytes("10.0.0.1"), shortBytes("5223"), shortBytes(server.keyHash()), ascii("0"))));
    }

    @Test
    void commandsWithoutParametersAreTheirTags() {
        List<Command> commands = List.of(Command.SUB, Command.SUBS, Command.LDEL, Command.NDEL, Command.GET, Command.OFF,
                Command.DEL, Command.QUE, Command.PING, Command.LGET, Command.NSUB, Command.NSUBS);
        for (Command command : commands) {
            assertArrayEquals(ascii(command.tag()), command.encode(18));
            assertEquals(command, parseOk(6, ascii(command.tag())));
            // "wrong terminator" of ServerTests.hs: the tag runs to the first space
            assertEquals(ErrorType.cmd(CommandError.UNKNOWN), Command.parse(18, ascii(command.tag() + "=")).error());
            assertSyntax(18, ascii(command.tag() + " "));
        }
    }

    @Test
    void parsingFailures() {
        assertEquals(ErrorType.cmd(CommandError.UNKNOWN), Command.parse(18, ascii("HELLO")).error());
        assertEquals(ErrorType.cmd(CommandError.UNKNOWN), Command.parse(18, new byte[0]).error());
        // broker responses are not commands (ServerTests.hs "broker response not allowed")
        for (String response : List.of("OK", "PONG", "END", "IDS", "MSG", "ERR AUTH")) {
            assertEquals(ErrorType.cmd(CommandError.UNKNOWN), Command.parse(18, ascii(response)).error());
        }
        assertSyntax(18, ascii("NEW"));
        assertSyntax(18, concat(ascii("NEW "), new byte[] {1}, ascii("A"), key(SAMPLE_PUB_KEY), key(SAMPLE_DH_PUB_KEY)));
        assertSyntax(18, ascii("KEY"));
        assertSyntax(18, concat(ascii("KEY "), new byte[] {1}, ascii("A"), key(SAMPLE_PUB_KEY)));
        assertSyntax(18, concat(ascii("KEY "), key(SAMPLE_PUB_KEY), ascii("x")));
        // X448 keys cannot authorize
        assertSyntax(18, concat(ascii("KEY "), key(new dev.relayj.crypto.X448PublicKey(new byte[56]))));
        assertSyntax(18, ascii("SEND"));
        assertSyntax(18, ascii("SEND F"));
        assertSyntax(18, ascii("SEND X hello"));
        assertSyntax(18, ascii("ACK"));
        assertSyntax(18, concat(ascii("RKEY "), new byte[] {0}));
        // flags are read up to the next space: extra flag bytes are skipped
        assertEquals(new Command.Send(MsgFlags.NOTIFY, ascii("hi")), parseOk(18, ascii("SEND Txyz hi")));
    }

    @Test
    void roundTripsAtEveryBoundaryVersion() {
        for (int version : BOUNDARY_VERSIONS) {
            for (Command command : samples()) {
                byte[] encoded = command.encode(version);
                Command parsed = parseOk(version, encoded);
                assertArrayEquals(encoded, parsed.encode(version), () -> command + " at v" + version);
                assertEquals(command.tag(), parsed.tag());
                assertEquals(command.party(), parsed.party());
            }
        }
    }

    @Test
    void roundTripsKeepEveryFieldOfTheVersion() {
        NewNotifierCredentials ntf = new NewNotifierCredentials(X25519_KEY, SAMPLE_DH_PUB_KEY);
        Command full = new Command.New(new NewQueueRequest(ED448_KEY, SAMPLE_DH_PUB_KEY, BasicAuth.of("pw"),
                SubscriptionMode.ONLY_CREATE, new QueueRequestData.Contact(entity("l"),
                        new QueueRequestData.SenderLink(entity("s"), LINK_DATA)), ntf));
        assertEquals(full, parseOk(18, full.encode(18)));
        assertEquals(full, parseOk(17, full.encode(17)));
        Command withoutNtf = new Command.New(new NewQueueRequest(ED448_KEY, SAMPLE_DH_PUB_KEY, BasicAuth.of("pw"),
                SubscriptionMode.ONLY_CREATE, new QueueRequestData.Contact(entity("l"),
                        new QueueRequestData.SenderLink(entity("s"), LINK_DATA)), null));
        assertEquals(withoutNtf, parseOk(16, full.encode(16)));
        Command modeOnly = new Command.New(new NewQueueRequest(ED448_KEY, SAMPLE_DH_PUB_KEY, BasicAuth.of("pw"),
                SubscriptionMode.ONLY_CREATE, new QueueRequestData.Contact(null, null), null));
        assertEquals(modeOnly, parseOk(14, full.encode(14)));
        Command noMode = new Command.New(new NewQueueRequest(ED448_KEY, SAMPLE_DH_PUB_KEY, BasicAuth.of("pw"),
                SubscriptionMode.ONLY_CREATE, null, null));
        assertEquals(noMode, parseOk(7, full.encode(7)));
    }

    static List<Command> samples() {
        List<Command> commands = new ArrayList<>();
        List<AuthPublicKey> keys = List.of(SAMPLE_PUB_KEY, ED448_KEY, X25519_KEY);
        for (AuthPublicKey key : keys) {
            commands.add(new Command.New(new NewQueueRequest(key, SAMPLE_DH_PUB_KEY, null, SubscriptionMode.SUBSCRIBE,
                    new QueueRequestData.Messaging(null), new NewNotifierCredentials(key, X25519_KEY))));
            commands.add(new Command.Key(key));
            commands.add(new Command.SKey(key));
            commands.add(new Command.LKey(key));
            commands.add(new Command.NKey(key, SAMPLE_DH_PUB_KEY));
        }
        commands.add(new Command.New(new NewQueueRequest(SAMPLE_PUB_KEY, SAMPLE_DH_PUB_KEY, BasicAuth.of("a"),
                SubscriptionMode.ONLY_CREATE, new QueueRequestData.Contact(entity("l"),
                        new QueueRequestData.SenderLink(entity("s"), LINK_DATA)), null)));
        commands.add(new Command.RKey(keys));
        commands.add(new Command.LSet(entity("link"), LINK_DATA));
        commands.add(new Command.Ack(Samples.filled(24, 3)));
        commands.add(new Command.Send(MsgFlags.NOTIFY, Samples.filled(16000, 0x20)));
        commands.add(new Command.Send(MsgFlags.NONE, new byte[0]));
        commands.add(new Command.Pfwd(8, X25519_KEY, Samples.filled(100, 1)));
        commands.add(new Command.Rfwd(Samples.filled(100, 2)));
        commands.addAll(List.of(Command.SUB, Command.SUBS, Command.LDEL, Command.NDEL, Command.GET, Command.OFF,
                Command.DEL, Command.QUE, Command.PING, Command.LGET, Command.NSUB, Command.NSUBS));
        return commands;
    }

    @Test
    void credentialsChecksFollowTheReference() {
        EntityId queue = entity("12345678");
        EntityId none = EntityId.NONE;
        Command newCmd = new Command.New(newRequest(null, null, null));
        assertEquals(Optional.empty(), Command.checkCredentials(true, none, newCmd));
        assertEquals(Optional.of(ErrorType.cmd(CommandError.NO_AUTH)), Command.checkCredentials(false, none, newCmd));
        assertEquals(Optional.of(ErrorType.cmd(CommandError.HAS_AUTH)), Command.checkCredentials(true, queue, newCmd));
        Command send = new Command.Send(MsgFlags.NONE, ascii("hello"));
        assertEquals(Optional.empty(), Command.checkCredentials(false, queue, send));
        assertEquals(Optional.empty(), Command.checkCredentials(true, queue, send));
        assertEquals(Optional.of(ErrorType.cmd(CommandError.NO_ENTITY)), Command.checkCredentials(true, none, send));
        for (Command entityCommand : List.of(Command.LGET, new Command.Pfwd(8, X25519_KEY, new byte[0]))) {
            assertEquals(Optional.empty(), Command.checkCredentials(false, queue, entityCommand));
            assertEquals(Optional.of(ErrorType.cmd(CommandError.NO_ENTITY)), Command.checkCredentials(false, none, entityCommand));
            assertEquals(Optional.of(ErrorType.cmd(CommandError.HAS_AUTH)), Command.checkCredentials(true, queue, entityCommand));
        }
        for (Command noAuthCommand : List.of(Command.PING, new Command.Rfwd(new byte[0]))) {
            assertEquals(Optional.empty(), Command.checkCredentials(false, none, noAuthCommand));
            assertEquals(Optional.of(ErrorType.cmd(CommandError.HAS_AUTH)), Command.checkCredentials(true, none, noAuthCommand));
            assertEquals(Optional.of(ErrorType.cmd(CommandError.HAS_AUTH)), Command.checkCredentials(false, queue, noAuthCommand));
        }
        for (Command signed : List.of(Command.SUB, Command.SUBS, Command.NSUB, Command.NSUBS, Command.GET, Command.QUE,
                new Command.Key(SAMPLE_PUB_KEY), new Command.SKey(SAMPLE_PUB_KEY), new Command.LKey(SAMPLE_PUB_KEY))) {
            assertEquals(Optional.empty(), Command.checkCredentials(true, queue, signed));
            assertEquals(Optional.of(ErrorType.cmd(CommandError.NO_AUTH)), Command.checkCredentials(false, queue, signed));
            assertEquals(Optional.of(ErrorType.cmd(CommandError.NO_AUTH)), Command.checkCredentials(true, none, signed));
        }
    }
}
