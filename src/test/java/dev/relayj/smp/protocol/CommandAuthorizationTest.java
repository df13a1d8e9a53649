package dev.relayj.smp.protocol;

import static dev.relayj.smp.protocol.Samples.ascii;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.crypto.CbAuthenticator;
import dev.relayj.crypto.CbNonce;
import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.encoding.ByteView;
import dev.relayj.crypto.Ed448PrivateKey;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.protocol.Authorization;
import dev.relayj.protocol.CommandAuthorization;
import dev.relayj.protocol.CorrId;
import dev.relayj.protocol.EntityId;
import dev.relayj.protocol.TransmissionAuth;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class CommandAuthorizationTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] SESSION_ID = Samples.filled(32, 1);
    private static final TransmissionParams V18 = TransmissionParams.forVersion(18, SESSION_ID);

    private final Ed25519PrivateKey ed25519 = Ed25519PrivateKey.generate(RANDOM);
    private final Ed448PrivateKey ed448 = Ed448PrivateKey.generate(RANDOM);
    private final X25519PrivateKey clientX25519 = X25519PrivateKey.generate(RANDOM);
    private final X25519PrivateKey serverSession = X25519PrivateKey.generate(RANDOM);
    private final CorrId corrId = new CorrId(Samples.filled(24, 7));
    private final byte[] authorized = Transmissions.encodeForAuth(V18, corrId, Samples.entity("queue"), Command.SUB).forAuth();

    private static Authorization signature(byte[] bytes) {
        return new Authorization(new TransmissionAuth.Signature(bytes));
    }

    @Test
    void signaturesVerifyWithTheirOwnAlgorithmOnly() {
        Authorization edSig = signature(ed25519.sign(authorized).bytes());
        assertTrue(CommandAuthorization.verify(null, Authorization.authOf(edSig), authorized, corrId, ed25519.publicKey()));
        assertFalse(CommandAuthorization.verify(null, Authorization.authOf(edSig), ascii("other"), corrId, ed25519.publicKey()));
        assertFalse(CommandAuthorization.verify(null, Authorization.authOf(edSig), authorized, corrId, Ed25519PrivateKey.generate(RANDOM).publicKey()));
        assertFalse(CommandAuthorization.verify(null, Authorization.authOf(edSig), authorized, corrId, ed448.publicKey()));
        assertFalse(CommandAuthorization.verify(serverSession, Authorization.authOf(edSig), authorized, corrId, clientX25519.publicKey()));
        Authorization ed448Sig = signature(ed448.sign(authorized).bytes());
        assertTrue(CommandAuthorization.verify(null, Authorization.authOf(ed448Sig), authorized, corrId, ed448.publicKey()));
        assertFalse(CommandAuthorization.verify(null, Authorization.authOf(ed448Sig), authorized, corrId, ed25519.publicKey()));
        assertFalse(CommandAuthorization.verify(null, Authorization.authOf(null), authorized, corrId, ed25519.publicKey()));
    }

    @Test
    void authenticatorsNeedTheSessionKeyAndTheCorrelationIdAsNonce() {
        CbAuthenticator made = CbAuthenticator.create(serverSession.publicKey(), clientX25519, CbNonce.fitting(corrId.bytes()), authorized);
        Authorization auth = new Authorization(new TransmissionAuth.Authenticator(made.bytes()));
        assertTrue(CommandAuthorization.verify(serverSession, Authorization.authOf(auth), authorized, corrId, clientX25519.publicKey()));
        assertFalse(CommandAuthorization.verify(null, Authorization.authOf(auth), authorized, corrId, clientX25519.publicKey()));
        assertFalse(CommandAuthorization.verify(serverSession, Authorization.authOf(auth), authorized, new CorrId(Samples.filled(24, 8)), clientX25519.publicKey()));
        assertFalse(CommandAuthorization.verify(serverSession, Authorization.authOf(auth), authorized, corrId, ed25519.publicKey()));
        assertFalse(CommandAuthorization.dummyVerify(serverSession, Authorization.authOf(auth), authorized, corrId));
        assertFalse(CommandAuthorization.dummyVerify(serverSession, signature(ed25519.sign(authorized).bytes()).auth(), authorized, corrId));
    }

    @Test
    void serviceSignatures() {
        Ed25519PrivateKey service = Ed25519PrivateKey.generate(RANDOM);
        byte[] serviceSig = service.sign(authorized).bytes();
        TransmissionAuth queueSig = new TransmissionAuth.Signature(ed25519.sign(authorized).bytes());
        Authorization withServiceSig = new Authorization(queueSig, serviceSig);
        Authorization without = new Authorization(queueSig);
        ByteView view = ByteView.copyOf(authorized);
        assertTrue(ServiceAuthorization.serviceSignatureValid(Command.SUB, service.publicKey(), withServiceSig, view));
        assertFalse(ServiceAuthorization.serviceSignatureValid(Command.SUB, service.publicKey(), without, view));
        assertTrue(ServiceAuthorization.serviceSignatureValid(Command.SUB, null, without, view));
        assertFalse(ServiceAuthorization.serviceSignatureValid(Command.SUB, null, withServiceSig, view));
        assertFalse(ServiceAuthorization.serviceSignatureValid(Command.GET, service.publicKey(), withServiceSig, view));
        assertTrue(ServiceAuthorization.serviceSignatureValid(Command.GET, service.publicKey(), without, view));
        assertFalse(ServiceAuthorization.serviceSignatureValid(Command.NSUB, service.publicKey(),
                new Authorization(queueSig, Samples.filled(64, 0)), view));
        // the queue key then signs the certificate fingerprint in front of the transmission
        byte[] certHash = Samples.filled(32, 9);
        assertArrayEquals(Samples.concat(certHash, authorized),
                ServiceAuthorization.authorizedForQueueKey(certHash, withServiceSig, view).toByteArray());
        assertSame(view, ServiceAuthorization.authorizedForQueueKey(certHash, without, view));
        assertSame(view, ServiceAuthorization.authorizedForQueueKey(null, withServiceSig, view));
    }

    @Test
    void serviceCommandsAreSignedByTheServiceForItsOwnId() {
        Ed25519PrivateKey service = Ed25519PrivateKey.generate(RANDOM);
        EntityId serviceId = Samples.entity("service-id");
        Authorization signed = signature(service.sign(authorized).bytes());
        ByteView view = ByteView.copyOf(authorized);
        assertTrue(ServiceAuthorization.serviceCommandValid(serviceId, serviceId, service.publicKey(), signed, view));
        assertFalse(ServiceAuthorization.serviceCommandValid(Samples.entity("other"), serviceId, service.publicKey(), signed, view));
        assertFalse(ServiceAuthorization.serviceCommandValid(serviceId, null, null, signed, view));
        assertFalse(ServiceAuthorization.serviceCommandValid(serviceId, serviceId, service.publicKey(),
                new Authorization(signed.auth(), service.sign(authorized).bytes()), view));
        assertFalse(ServiceAuthorization.serviceCommandValid(serviceId, serviceId, service.publicKey(),
                signature(ed448.sign(authorized).bytes()), view));
    }
}
