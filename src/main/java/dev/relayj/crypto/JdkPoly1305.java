package dev.relayj.crypto;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.Key;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JDK's own Poly1305 ({@code com.sun.crypto.provider.Poly1305}, the MAC of its
 * ChaCha20-Poly1305), whose block loop HotSpot replaces with AVX-512 IFMA or AVX2 code: about
 * 15 GB/s on the development machine against 0.8 GB/s of {@link Poly1305Mac}. The JDK exports no
 * Poly1305 MAC, so it is reached through its package, which java.base opens to relayj only when
 * the JVM is started with {@code --add-opens java.base/com.sun.crypto.provider=dev.relayj} (as the
 * launchers do); without it {@link Poly1305Mac} serves, with the same tags. Built with its weak-key
 * check off: NaCl's one-time keys are whatever the key stream gives.
 */
final class JdkPoly1305 implements OneTimeMac {
    private static final System.Logger LOG = System.getLogger(JdkPoly1305.class.getName());
    private static final MethodHandle NEW;
    private static final MethodHandle INIT;
    private static final MethodHandle UPDATE;
    private static final MethodHandle DO_FINAL;
    static final boolean AVAILABLE;

    static {
        MethodHandle create = null;
        MethodHandle init = null;
        MethodHandle update = null;
        MethodHandle doFinal = null;
        try {
            Class<?> mac = Class.forName("com.sun.crypto.provider.Poly1305");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(mac, MethodHandles.lookup());
            create = lookup.findConstructor(mac, MethodType.methodType(void.class, boolean.class))
                    .asType(MethodType.methodType(Object.class, boolean.class));
            init = lookup.findVirtual(mac, "engineInit", MethodType.methodType(void.class, Key.class,
                    AlgorithmParameterSpec.class)).asType(MethodType.methodType(void.class, Object.class, Key.class,
                    AlgorithmParameterSpec.class));
            update = lookup.findVirtual(mac, "engineUpdate", MethodType.methodType(void.class, byte[].class,
                    int.class, int.class)).asType(MethodType.methodType(void.class, Object.class, byte[].class,
                    int.class, int.class));
            doFinal = lookup.findVirtual(mac, "engineDoFinal", MethodType.methodType(byte[].class))
                    .asType(MethodType.methodType(byte[].class, Object.class));
        } catch (ReflectiveOperationException | IllegalArgumentException | SecurityException e) {
            LOG.log(System.Logger.Level.INFO, "secret_box and crypto_box MACs use relayj's Poly1305, slower than the "
                    + "JDK's: start the JVM with --add-opens java.base/com.sun.crypto.provider=dev.relayj ("
                    + e.getClass().getSimpleName() + ")");
            create = null;
        }
        NEW = create;
        INIT = init;
        UPDATE = update;
        DO_FINAL = doFinal;
        AVAILABLE = create != null;
    }

    private final Object mac;

    JdkPoly1305(byte[] key, int offset) {
        SecretKeySpec spec = new SecretKeySpec(key, offset, 32, "Poly1305");
        try {
            mac = NEW.invokeExact(false);
            INIT.invokeExact(mac, (Key) spec, (AlgorithmParameterSpec) null);
        } catch (Throwable e) {
            throw new IllegalStateException("the JDK's Poly1305 refused a 32-byte key", e);
        }
    }

    @Override
    public void update(byte[] data, int offset, int length) {
        try {
            UPDATE.invokeExact(mac, data, offset, length);
        } catch (Throwable e) {
            throw new IllegalStateException("the JDK's Poly1305", e);
        }
    }

    @Override
    public void doFinal(byte[] out, int offset) {
        byte[] tag;
        try {
            tag = (byte[]) DO_FINAL.invokeExact(mac);
        } catch (Throwable e) {
            throw new IllegalStateException("the JDK's Poly1305", e);
        }
        System.arraycopy(tag, 0, out, offset, 16);
    }
}
