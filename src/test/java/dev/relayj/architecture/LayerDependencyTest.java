package dev.relayj.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of {@code ../shared/design.md} ("Layers"), checked on the compiled classes: every
 * class of {@code src/main} is read and each {@code dev.relayj} package its constant pool names
 * (class references, field and method descriptors, generic signatures) must be in a lower group
 * than its own package's, never in the same group nor above. A new package must be placed in
 * {@link #LAYERS} before it compiles into a green build.
 */
class LayerDependencyTest {
    /** Bottom to top; packages on one line are one group and must not use each other. */
    static final List<List<String>> LAYERS = List.of(
            List.of("encoding"),
            List.of("runtime"),
            List.of("crypto", "ini", "socks", "http2"),
            List.of("tls"),
            List.of("transport", "protocol"),
            List.of("smp.protocol", "xftp.protocol"),
            List.of("store"),
            List.of("smp.store", "xftp.store"),
            List.of("stats"),
            List.of("acme"),
            List.of("control", "web"),
            List.of("smp.client"),
            List.of("smp.server", "xftp.server"),
            List.of("cli"));

    private static final String ROOT = "dev/relayj/";
    private static final Pattern REFERENCE = Pattern.compile("dev/relayj/((?:[a-z0-9_]+/)*[a-z0-9_]+)/[A-Za-z0-9_$]+");

    @Test
    void everyPackageUsesOnlyLowerLayers() throws IOException, URISyntaxException {
        Path classes = mainClasses();
        Map<String, Set<String>> uses = packageUses(classes);
        assertTrue(uses.size() > 10, "found the compiled packages under " + classes);
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : uses.entrySet()) {
            int from = layerOf(e.getKey());
            if (from < 0) {
                wrong.add(e.getKey() + " is in no layer");
                continue;
            }
            for (String used : e.getValue()) {
                int to = layerOf(used);
                if (to < 0) {
                    wrong.add(used + " is in no layer");
                } else if (to >= from) {
                    wrong.add(e.getKey() + " -> " + used + (to == from ? " (same layer)" : " (upward)"));
                }
            }
        }
        assertEquals(List.of(), wrong.stream().distinct().toList());
    }

    @Test
    void theCheckSeesAnUpwardReference() {
        assertTrue(layerOf("encoding") < layerOf("smp.server"));
        assertTrue(layerOf("smp.server.session") == layerOf("smp.server"), "sub-packages take their parent's layer");
        assertEquals(-1, layerOf("nowhere"));
    }

    /** The group of a package, or of its nearest listed parent; -1 if none. */
    static int layerOf(String pkg) {
        for (String p = pkg; !p.isEmpty(); p = p.contains(".") ? p.substring(0, p.lastIndexOf('.')) : "") {
            for (int i = 0; i < LAYERS.size(); i++) {
                if (LAYERS.get(i).contains(p)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static Path mainClasses() throws URISyntaxException {
        // the directory holding the compiled dev.relayj main classes (not the test classes)
        Path anyMain = Path.of(dev.relayj.encoding.Base64Url.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        return anyMain.resolve(ROOT);
    }

    /** Package (dotted, relative to dev.relayj) to the other dev.relayj packages its classes name. */
    static Map<String, Set<String>> packageUses(Path root) throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (Path file : files) {
            String pkg = root.relativize(file.getParent()).toString().replace('/', '.');
            if (pkg.isEmpty()) {
                continue;
            }
            Set<String> used = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
            try (InputStream in = Files.newInputStream(file)) {
                for (String text : constantPoolTexts(new DataInputStream(in))) {
                    Matcher m = REFERENCE.matcher(text);
                    while (m.find()) {
                        String other = m.group(1).replace('/', '.');
                        if (!other.equals(pkg)) {
                            used.add(other);
                        }
                    }
                }
            }
        }
        return uses;
    }

    /** The UTF-8 entries of a class file's constant pool (JVMS 4.4). */
    static List<String> constantPoolTexts(DataInputStream in) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        List<String> texts = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> texts.add(in.readUTF());
                case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                case 15 -> in.skipNBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    i++; // eight-byte constants take two entries
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return texts;
    }
}
