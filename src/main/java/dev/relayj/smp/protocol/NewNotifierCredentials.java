package dev.relayj.smp.protocol;

import dev.relayj.crypto.AuthPublicKey;
import dev.relayj.crypto.PublicKey;
import dev.relayj.crypto.X25519PublicKey;
import dev.relayj.encoding.DecodingException;
import dev.relayj.encoding.SmpReader;
import dev.relayj.encoding.SmpWriter;

/**
 * Notifier credentials requested with NEW (SMP v17, {@code NewNtfCreds}) or NKEY: the key that
 * authorizes NSUB and the recipient's DH key for encrypting notification metadata.
 */
public record NewNotifierCredentials(AuthPublicKey notifierKey, X25519PublicKey rcvNtfDhKey) {
    public NewNotifierCredentials {
        if (notifierKey == null || rcvNtfDhKey == null) {
            throw new IllegalArgumentException("notifier credentials need both keys");
        }
    }

    public void writeTo(SmpWriter writer) {
        notifierKey.writeTo(writer);
        rcvNtfDhKey.writeTo(writer);
    }

    public static NewNotifierCredentials readFrom(SmpReader reader) throws DecodingException {
        AuthPublicKey notifierKey = PublicKey.readAuthKey(reader);
        return new NewNotifierCredentials(notifierKey, PublicKey.readX25519Key(reader));
    }
}
