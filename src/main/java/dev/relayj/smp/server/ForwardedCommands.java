package dev.relayj.smp.server;

import static dev.relayj.smp.server.Responses.err;
import static dev.relayj.stats.SmpCounter.P_MSG_FWDS_RECV;

import dev.relayj.crypto.CbNonce;
import dev.relayj.crypto.CryptoBox;
import dev.relayj.crypto.CryptoException;
import dev.relayj.crypto.X25519Secret;
import dev.relayj.encoding.ByteView;
import dev.relayj.encoding.DecodingException;
import dev.relayj.protocol.CommandError;
import dev.relayj.protocol.CorrId;
import dev.relayj.smp.protocol.Batch;
import dev.relayj.smp.protocol.BrokerErrorType;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.Command;
import dev.relayj.smp.protocol.ErrorType;
import dev.relayj.smp.protocol.ForwardedResponse;
import dev.relayj.smp.protocol.ForwardedTransmission;
import dev.relayj.smp.protocol.MessageLimits;
import dev.relayj.smp.protocol.Parsed;
import dev.relayj.smp.protocol.ProxyError;
import dev.relayj.smp.protocol.RawTransmission;
import dev.relayj.smp.protocol.ServerTransmission;
import dev.relayj.smp.protocol.TransmissionParams;
import dev.relayj.smp.protocol.Transmissions;
import dev.relayj.transport.TransportError;
import java.util.List;

/**
 * RFWD, the relay's side of proxied sending: the command a proxy forwards for its client, which
 * this relay verifies and runs as the client's own, answering through the proxy (PRXY and PFWD,
 * the proxy's side, are {@link ProxyCommands}).
 */
final class ForwardedCommands extends CommandFamily {
    ForwardedCommands(SessionCommands session) {
        super(session);
    }

    /**
     * {@code processForwardedCommand}: a command a proxy forwards for its client, encrypted twice (for
     * this session and for the relay's session key); only SEND, SKEY, LKEY and LGET are accepted, and
     * the response goes back encrypted the same two ways (RRES).
     */
    BrokerMessage forwarded(CorrId corrId, byte[] encrypted) {
        X25519Secret sessionSecret = client.handle().auth().sessionSecret();
        if (sessionSecret == null) {
            return err(new ErrorType.Proxy(new ProxyError.Broker(new BrokerErrorType.Transport(TransportError.Simple.NO_AUTH))));
        }
        CbNonce proxyNonce = CbNonce.fitting(corrId.bytes());
        ForwardedTransmission fwd;
        byte[] transmission;
        X25519Secret clientSecret;
        CbNonce clientNonce;
        try {
            byte[] decrypted = CryptoBox.cbDecryptNoPad(sessionSecret, proxyNonce, encrypted);
            try {
                fwd = ForwardedTransmission.decode(decrypted);
            } catch (DecodingException e) {
                return err(ErrorType.cmd(CommandError.SYNTAX));
            }
            clientSecret = session.serverKey().dh(fwd.clientKey());
            clientNonce = CbNonce.fitting(fwd.clientCorrId().bytes());
            transmission = CryptoBox.cbDecrypt(clientSecret, clientNonce, fwd.encryptedTransmission());
        } catch (CryptoException e) {
            return err(ErrorType.Simple.CRYPTO);
        }
        TransmissionParams clientParams = TransmissionParams.forVersion(session.version(), client.handle().params().sessionId())
                .withVersion(fwd.clientVersion());
        // the decrypted block is this command's own: its SEND body stays a view of it
        List<Parsed<RawTransmission>> parsed = Transmissions.parseBlock(clientParams,
                ByteView.ofOwned(transmission, 0, transmission.length));
        if (parsed.size() != 1) {
            return err(ErrorType.Simple.BLOCK);
        }
        Reply response = switch (Transmissions.decodeServer(clientParams, parsed.get(0))) {
            case ServerTransmission.Refused refused -> Reply.of(refused.corrId(), refused.entityId(), refused.response());
            case ServerTransmission.Received received -> {
                if (!Command.isForwardable(received.command())) {
                    yield Reply.of(received.corrId(), received.entityId(), err(ErrorType.cmd(CommandError.PROHIBITED)));
                }
                yield CommandProcessor.forForwardedCommand(env, client, fwd.clientVersion()).verifyAndRun(received);
            }
        };
        byte[] encoded = Transmissions.encodeResponse(clientParams, response.corrId(), response.entityId(), response.message());
        if (!(Transmissions.batch(MessageLimits.BLOCK_SIZE, List.of(encoded)).get(0) instanceof Batch.Block block)) {
            return err(ErrorType.Simple.BLOCK);
        }
        byte[] forClient;
        try {
            forClient = CryptoBox.cbEncrypt(clientSecret, clientNonce.reversed(), Transmissions.blockContent(block, List.of(encoded)),
                    MessageLimits.PADDED_PROXIED_TRANSMISSION_LENGTH);
        } catch (CryptoException e) {
            return err(ErrorType.Simple.BLOCK);
        }
        byte[] forProxy = CryptoBox.cbEncryptNoPad(sessionSecret, proxyNonce.reversed(),
                new ForwardedResponse(fwd.clientCorrId(), forClient).encode());
        stats.increment(P_MSG_FWDS_RECV);
        return new BrokerMessage.Rres(forProxy);
    }
}
