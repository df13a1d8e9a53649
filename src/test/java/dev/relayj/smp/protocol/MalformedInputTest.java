package dev.relayj.smp.protocol;

import static dev.relayj.smp.protocol.Samples.concat;
import static dev.relayj.smp.protocol.Samples.large;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.protocol.BlockingInfo;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random and mutated input never makes a parser throw anything but its declared error. */
class MalformedInputTest {
    private static final int ROUNDS = 3000;
    private final Random random = new Random(20250601);

    private byte[] randomBytes(int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Flips, truncates, extends or splices a valid encoding. */
    private byte[] mutate(byte[] valid) {
        byte[] bytes = valid.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                if (bytes.length > 0) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            case 2 -> bytes = concat(bytes, randomBytes(8));
            default -> {
                int at = random.nextInt(bytes.length + 1);
                bytes = concat(java.util.Arrays.copyOf(bytes, at), randomBytes(4),
                        java.util.Arrays.copyOfRange(bytes, at, bytes.length));
            }
        }
        return bytes;
    }

    private int randomVersion() {
        return CommandTest.BOUNDARY_VERSIONS[random.nextInt(CommandTest.BOUNDARY_VERSIONS.length)];
    }

    @Test
    void commandsAndMessages() {
        List<byte[]> valid = new ArrayList<>();
        for (Command command : CommandTest.samples()) {
            valid.add(command.encode(18));
        }
        for (BrokerMessage message : BrokerMessageTest.samples()) {
            valid.add(message.encode(18));
        }
        for (int i = 0; i < ROUNDS; i++) {
            int version = randomVersion();
            byte[] input = random.nextBoolean() ? randomBytes(300) : mutate(valid.get(random.nextInt(valid.size())));
            assertNotNull(Command.parse(version, input));
            assertNotNull(BrokerMessage.parse(version, input));
        }
    }

    @Test
    void tagsWithGarbageParameters() {
        List<String> tags = List.of("NEW ", "KEY ", "RKEY ", "LSET ", "NKEY ", "ACK ", "SKEY ", "SEND ", "LKEY ", "PRXY ",
                "PFWD ", "RFWD ", "IDS ", "LNK ", "SOK ", "SOKS ", "MSG ", "NID ", "NMSG ", "PKEY ", "ENDS ", "INFO ", "ERR ");
        for (int i = 0; i < ROUNDS; i++) {
            byte[] input = concat(tags.get(random.nextInt(tags.size())).getBytes(StandardCharsets.US_ASCII), randomBytes(200));
            int version = randomVersion();
            assertNotNull(Command.parse(version, input));
            assertNotNull(BrokerMessage.parse(version, input));
        }
    }

    @Test
    void blocks() {
        byte[] sessionId = new byte[32];
        for (int i = 0; i < ROUNDS; i++) {
            TransmissionParams params = TransmissionParams.forVersion(randomVersion(), sessionId);
            byte[] block;
            if (random.nextBoolean()) {
                block = randomBytes(400);
            } else {
                Command command = CommandTest.samples().get(random.nextInt(CommandTest.samples().size()));
                Transmissions.ForAuth forAuth = Transmissions.encodeForAuth(params, new CorrId(randomBytes(24)),
                        new EntityId(randomBytes(24)), command);
                byte[] t = Transmissions.withAuthorization(params.serviceAuth(), null, forAuth.toSend());
                block = mutate(concat(new byte[] {1}, large(t)));
            }
            for (ServerTransmission t : Transmissions.decodeServerBlock(params, block)) {
                assertNotNull(t);
            }
            for (Parsed<RawTransmission> parsed : Transmissions.parseBlock(params, block)) {
                assertNotNull(Transmissions.decodeClient(params, parsed));
            }
        }
    }

    @FunctionalInterface
    private interface TextParser {
        Object parse(String text) throws DecodingException;
    }

    private void onlyDecodingExceptions(TextParser parser, String alphabet, List<String> seeds) {
        for (int i = 0; i < ROUNDS; i++) {
            String text;
            if (random.nextBoolean()) {
                StringBuilder out = new StringBuilder();
                int length = random.nextInt(60);
                for (int j = 0; j < length; j++) {
                    out.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                text = out.toString();
            } else {
                text = new String(mutate(seeds.get(random.nextInt(seeds.size())).getBytes(StandardCharsets.ISO_8859_1)),
                        StandardCharsets.ISO_8859_1);
            }
            try {
                parser.parse(text);
            } catch (DecodingException expected) {
                // the declared error for bad input
            }
        }
    }

    @Test
    void textForms() {
        onlyDecodingExceptions(SmpServerAddress::parseWithAuth, "smp:/@,.[]:-_=abcdefonion0123456789 ",
                List.of("smp://1234-w==:pw@alpha,[::1]:5223", "smp://LcJUMfVhwD8yxjAiSaDzzGF3-kLG4Uh0Fl_ZIjrRwjI=@1.2.3.4"));
        onlyDecodingExceptions(BlockingInfo::fromText, "reason=spamcontent,notice{}\"ttl:null0123456789.e-",
                List.of("reason=spam,notice={\"ttl\":1}", "reason=content"));
        onlyDecodingExceptions(QueueInfo::fromJson, "{}[]\":,qiSndNtfSubSizeMsg truefalsenull0123456789.eE-+\\u",
                List.of(new QueueInfo(true, true, new QueueInfo.Subscription(QueueInfo.SubscriptionThread.NO_SUB, "x"), 1,
                        new QueueInfo.MessageInfo("m", java.time.Instant.EPOCH, QueueInfo.MessageType.MESSAGE)).toJson()));
        onlyDecodingExceptions(text -> {
            SmpReader reader = new SmpReader(text.getBytes(StandardCharsets.ISO_8859_1));
            return ErrorType.readFrom(reader);
        }, "CMDPROXYBROKERTRANSPORTNETWORKHANDSHAKE ()_\u0003", List.of("PROXY BROKER RESPONSE \u0002ab", "CMD SYNTAX"));
    }
}
