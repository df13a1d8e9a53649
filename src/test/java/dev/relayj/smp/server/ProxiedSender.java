package dev.relayj.smp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.relayj.crypto.AuthPrivateKey;
import dev.relayj.crypto.CbAuthenticator;
import dev.relayj.crypto.CbNonce;
import dev.relayj.crypto.CryptoBox;
import dev.relayj.crypto.CryptoException;
import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.crypto.Ed448PrivateKey;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.crypto.X25519PublicKey;
import dev.relayj.crypto.X25519Secret;
import dev.relayj.encoding.DecodingException;
import dev.relayj.protocol.Authorization;
import dev.relayj.smp.protocol.Batch;
import dev.relayj.protocol.BasicAuth;
import dev.relayj.smp.protocol.BrokerMessage;
import dev.relayj.smp.protocol.ClientTransmission;
import dev.relayj.smp.protocol.Command;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;
import dev.relayj.smp.protocol.MessageLimits;
import dev.relayj.smp.protocol.MsgFlags;
import dev.relayj.smp.protocol.Parsed;
import dev.relayj.smp.protocol.RawTransmission;
import dev.relayj.smp.protocol.SmpServerAddress;
import dev.relayj.protocol.TransmissionAuth;
import dev.relayj.smp.protocol.TransmissionParams;
import dev.relayj.smp.protocol.Transmissions;
import java.io.IOException;
import java.util.List;

/**
 * A client that sends through a proxy relay as the reference's {@code connectSMPProxiedRelay} and
 * {@code proxySMPCommand} (Client.hs) do: PRXY for the destination's session key, then each command
 * encrypted to that key inside PFWD, and the destination's response decrypted from PRES.
 */
final class ProxiedSender implements AutoCloseable {
    /** A destination session as PKEY describes it ({@code ProxiedRelay}). */
    record Session(byte[] sessionId, int version, X25519PublicKey serverKey) {}

    final TestSmpClient proxy;

    ProxiedSender(int proxyPort) throws IOException {
        this.proxy = TestSmpClient.connect(proxyPort, 18);
    }

    static SmpServerAddress address(int port) {
        try {
            return SmpServerAddress.parse("smp://LcJUMfVhwD8yxjAiSaDzzGF3-kLG4Uh0Fl_ZIjrRwjI=@127.0.0.1:" + port);
        } catch (DecodingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** PRXY: the relay's answer as it is. */
    BrokerMessage requestRelay(SmpServerAddress server, String password) throws IOException {
        return proxy.call(EntityId.NONE, new Command.Prxy(server, password == null ? null : BasicAuth.of(password)), null);
    }

    Session connect(SmpServerAddress server, String password) throws IOException {
        BrokerMessage.Pkey pkey = assertInstanceOf(BrokerMessage.Pkey.class, requestRelay(server, password));
        X25519PublicKey key = assertInstanceOf(X25519PublicKey.class, pkey.certKey().signedKey().key());
        return new Session(pkey.sessionId(), pkey.versionRange().max(), key);
    }

    /** SEND through the proxy: the destination's response, or the proxy's own ERR. */
    BrokerMessage send(Session session, AuthPrivateKey senderKey, EntityId senderId, byte[] body) throws IOException {
        return forward(session, senderKey, senderId, new Command.Send(MsgFlags.NONE, body));
    }

    BrokerMessage forward(Session session, AuthPrivateKey key, EntityId entityId, Command command) throws IOException {
        TransmissionParams params = TransmissionParams.forVersion(session.version(), session.sessionId());
        X25519PrivateKey cmdKey = X25519PrivateKey.generate(TestSmpClient.RANDOM);
        X25519Secret secret = cmdKey.dh(session.serverKey());
        CorrId corrId = TestSmpClient.corrId();
        CbNonce nonce = CbNonce.fitting(corrId.bytes());
        Transmissions.ForAuth forAuth = Transmissions.encodeForAuth(params, corrId, entityId, command);
        Authorization authorization = key == null ? null : new Authorization(switch (key) {
            case Ed25519PrivateKey ed -> new TransmissionAuth.Signature(ed.sign(forAuth.forAuth()).bytes());
            case Ed448PrivateKey ed -> new TransmissionAuth.Signature(ed.sign(forAuth.forAuth()).bytes());
            case X25519PrivateKey x -> new TransmissionAuth.Authenticator(
                    CbAuthenticator.create(session.serverKey(), x, nonce, forAuth.forAuth()).bytes());
        });
        byte[] transmission = Transmissions.withAuthorization(params.serviceAuth(), authorization, forAuth.toSend());
        Batch.Block block = (Batch.Block) Transmissions.batch(MessageLimits.BLOCK_SIZE, List.of(transmission)).get(0);
        byte[] encrypted;
        try {
            encrypted = CryptoBox.cbEncrypt(secret, nonce, Transmissions.blockContent(block, List.of(transmission)), MessageLimits.PADDED_PROXIED_TRANSMISSION_LENGTH);
        } catch (CryptoException e) {
            throw new AssertionError(e);
        }
        proxy.send(corrId, new EntityId(session.sessionId()),
                new Command.Pfwd(session.version(), cmdKey.publicKey(), encrypted), null);
        ClientTransmission response = proxy.receive();
        assertEquals(corrId, response.corrId(), "response to PFWD");
        BrokerMessage answer = response.message().value();
        if (!(answer instanceof BrokerMessage.Pres pres)) {
            return answer;
        }
        byte[] decrypted;
        try {
            decrypted = CryptoBox.cbDecrypt(secret, nonce.reversed(), pres.encryptedResponse());
        } catch (CryptoException e) {
            throw new AssertionError("PRES does not decrypt", e);
        }
        List<Parsed<RawTransmission>> parsed = Transmissions.parseBlock(params, decrypted);
        assertEquals(1, parsed.size());
        ClientTransmission inner = Transmissions.decodeClient(params, parsed.get(0));
        assertEquals(corrId, inner.corrId());
        return inner.message().value();
    }

    @Override
    public void close() throws IOException {
        proxy.close();
    }
}
