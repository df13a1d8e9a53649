package dev.relayj.xftp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.relayj.crypto.AuthPrivateKey;
import dev.relayj.crypto.AuthPublicKey;
import dev.relayj.crypto.CbNonce;
import dev.relayj.crypto.Ed25519PrivateKey;
import dev.relayj.crypto.Hashes;
import dev.relayj.crypto.SecretBoxStream;
import dev.relayj.crypto.X25519PrivateKey;
import dev.relayj.crypto.X25519Secret;
import dev.relayj.protocol.BasicAuth;
import dev.relayj.xftp.protocol.FileCommand;
import dev.relayj.protocol.EntityId;
import dev.relayj.xftp.protocol.FileInfo;
import dev.relayj.xftp.protocol.FileResponse;
import dev.relayj.xftp.protocol.XftpError;
import java.util.Arrays;
import java.util.List;

/** A chunk with its keys, and the XFTP exchanges the tests repeat. */
final class Chunks {
    private Chunks() {}

    /** A chunk on the server: its data, sender key and ids, and its recipients' keys. */
    record Chunk(byte[] data, Ed25519PrivateKey sender, EntityId senderId, List<AuthPrivateKey> recipients,
            List<EntityId> recipientIds) {
        EntityId recipientId(int i) {
            return recipientIds.get(i);
        }

        AuthPrivateKey recipient(int i) {
            return recipients.get(i);
        }
    }

    static byte[] randomData(int size) {
        byte[] data = new byte[size];
        TestXftpClient.RANDOM.nextBytes(data);
        return data;
    }

    static FileResponse fnew(TestXftpClient client, Ed25519PrivateKey sender, byte[] data, List<AuthPublicKey> recipients,
            BasicAuth auth) throws Exception {
        FileInfo info = new FileInfo(sender.publicKey(), data.length, Hashes.sha256(data));
        return client.command(sender, EntityId.NONE, new FileCommand.Fnew(info, recipients, auth), null).response();
    }

    /** FNEW with one Ed25519 recipient, then FPUT; both must succeed. */
    static Chunk upload(TestXftpClient client, int size) throws Exception {
        byte[] data = randomData(size);
        Ed25519PrivateKey sender = Ed25519PrivateKey.generate(TestXftpClient.RANDOM);
        Ed25519PrivateKey recipient = Ed25519PrivateKey.generate(TestXftpClient.RANDOM);
        FileResponse.Sids sids = assertInstanceOf(FileResponse.Sids.class,
                fnew(client, sender, data, List.of(recipient.publicKey()), null));
        assertEquals(new FileResponse.Ok(), client.command(sender, sids.senderId(), new FileCommand.Fput(), data).response());
        return new Chunk(data, sender, sids.senderId(), List.of(recipient), sids.recipientIds());
    }

    /** FGET by a recipient and decryption of the streamed chunk; returns the plain data. */
    static byte[] download(TestXftpClient client, AuthPrivateKey recipient, EntityId recipientId, int size) throws Exception {
        X25519PrivateKey dhKey = X25519PrivateKey.generate(TestXftpClient.RANDOM);
        TestXftpClient.Result result = client.command(recipient, recipientId, new FileCommand.Fget(dhKey.publicKey()), null);
        FileResponse.File file = assertInstanceOf(FileResponse.File.class, result.response(), () -> "got " + result.transmission());
        byte[] encrypted = result.rest();
        assertEquals(size + SecretBoxStream.TAG_SIZE, encrypted.length, "chunk and tag follow the block");
        X25519Secret secret = dhKey.dh(file.serverDhKey());
        SecretBoxStream box = SecretBoxStream.init(secret, new CbNonce(file.nonce()));
        byte[] plain = box.decrypt(Arrays.copyOf(encrypted, size));
        assertTrue(box.verifyAuthTag(Arrays.copyOfRange(encrypted, size, encrypted.length)), "auth tag");
        return plain;
    }

    static void assertDownloads(TestXftpClient client, Chunk chunk, int recipient) throws Exception {
        assertArrayEquals(chunk.data(), download(client, chunk.recipient(recipient), chunk.recipientId(recipient),
                chunk.data().length));
    }

    static XftpError error(FileResponse response) {
        return assertInstanceOf(FileResponse.Err.class, response, () -> "expected an error, got " + response).error();
    }
}
