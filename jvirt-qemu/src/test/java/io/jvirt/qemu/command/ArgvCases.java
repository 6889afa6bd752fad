package io.jvirt.qemu.command;

import io.jvirt.error.LibvirtException;
import io.jvirt.qemu.testing.TestGuest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The golden argv cases under {@code src/test/resources/argv}, named {@code FAMILY-what.xml}:
 * {@code NAME.args} is the expected domxml-to-native output, {@code NAME.err} the expected
 * one-line refusal ({@code number: message}), and an optional {@code NAME.norun} says (in one
 * line) why an accepted case cannot be started on this machine (e.g. it needs a host bridge).
 *
 * <p>Inputs may use three placeholders: {@code @GUEST@} (the test guest's directory),
 * {@code @DIR@} (a scratch directory; {@code <source file='@DIR@/x.qcow2'/>} and the like are
 * created before a start: qcow2 for {@code .qcow2}, LUKS for {@code .luks} and LUKS-encrypted qcow2 for
 * {@code -luks.qcow2} (passphrase {@link #LUKS_PASSPHRASE}), else an empty 16 MiB raw file) and, in
 * outputs only, {@code @ROOT@} (the embedded root) and {@code @HOME@} (the user's home). With
 * {@code -Djvirt.golden.update=true} the expected files are rewritten; review the diff like code.
 */
final class ArgvCases {
    static final Path DIR = Path.of("src/test/resources/argv");
    static final boolean UPDATE = Boolean.getBoolean("jvirt.golden.update");
    private static final Pattern SCRATCH_FILE = Pattern.compile("@DIR@/([A-Za-z0-9_.-]+)");

    private ArgvCases() {
    }

    static List<String> names() {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml"))
                    .map(n -> n.substring(0, n.length() - 4)).filter(ArgvCases::selected).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code -Djvirt.golden.only=prefix,prefix}: only the cases so named (while working on a family). */
    private static boolean selected(String name) {
        String only = System.getProperty("jvirt.golden.only", "");
        return only.isBlank() || java.util.Arrays.stream(only.split(",")).anyMatch(p -> name.startsWith(p.strip()));
    }

    /** The input with its placeholders filled in. */
    static String input(String name, Path scratch) {
        return read(DIR.resolve(name + ".xml")).replace("@GUEST@", TestGuest.DIR.toString())
                .replace("@DIR@", scratch.toString());
    }

    /** Placeholders put back into an output, so it does not depend on this run's directories. */
    static String neutral(String out, Path root, Path scratch) {
        return maskSecrets(out).replace(root.toString(), "@ROOT@").replace(scratch.toString(), "@DIR@")
                .replaceAll("/jvirt/qemu-embed-[0-9a-f]{8}-", "/jvirt/qemu-embed-@TAG@-")
                .replace(TestGuest.DIR.toString(), "@GUEST@")
                .replace("\nHOME=" + System.getProperty("user.home") + " \\\n", "\nHOME=@HOME@ \\\n");
    }

    /**
     * The secrets the disk cases refer to: a ceph key by usage 'mycluster', an iSCSI password by
     * usage 'iscsitarget' and a LUKS passphrase (volume usage) by UUID {@link #LUKS_SECRET}.
     */
    static final String LUKS_SECRET = "1a81f5b2-8403-7b23-c8d6-21ccc2f80d6f";
    static final String LUKS_PASSPHRASE = "luks-passphrase";

    static void defineSecrets(io.jvirt.Connect conn) {
        String[][] secrets = {
            {"0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f", "<usage type='ceph'><name>mycluster</name></usage>", "cephkey"},
            {"2a81f5b2-8403-7b23-c8d6-21ccc2f80d6f", "<usage type='iscsi'><target>iscsitarget</target></usage>", "pw"},
            {LUKS_SECRET, "<usage type='volume'><volume>/luks.img</volume></usage>", LUKS_PASSPHRASE},
        };
        for (String[] s : secrets) {
            conn.secretDefineXML("<secret ephemeral='no' private='yes'><uuid>" + s[0] + "</uuid>" + s[1] + "</secret>", 0)
                    .setValue(s[2].getBytes(StandardCharsets.UTF_8), 0);
        }
    }

    private static final Pattern SECRET_DATA = Pattern.compile("\"data\":\"[A-Za-z0-9+/=]+\",\"keyid\":\"masterKey0\","
            + "\"iv\":\"[A-Za-z0-9+/=]+\"");

    /** Encrypted secret values and IVs are random: masked as @DATA@ and @IV@. */
    static String maskSecrets(String out) {
        return SECRET_DATA.matcher(out).replaceAll("\"data\":\"@DATA@\",\"keyid\":\"masterKey0\",\"iv\":\"@IV@\"");
    }

    static String errorLine(LibvirtException e) {
        return e.number() + ": " + e.getMessage().replace('\n', ' ') + "\n";
    }

    /** Creates the scratch files the case refers to. */
    static void createScratchFiles(String name, Path scratch) throws IOException, InterruptedException {
        Matcher m = SCRATCH_FILE.matcher(read(DIR.resolve(name + ".xml")));
        while (m.find()) {
            Path f = scratch.resolve(m.group(1));
            if (Files.exists(f) || f.toString().endsWith(".mem")) {
                continue; // .mem: a memory backend's file, which QEMU creates at the device's size
            }
            java.util.List<String> cmd = null;
            String luks = "secret,id=sec0,data=" + LUKS_PASSPHRASE; // a test passphrase, not a real secret
            if (f.toString().endsWith(".luks")) {
                cmd = java.util.List.of("qemu-img", "create", "-q", "--object", luks, "-f", "luks", "-o",
                        "key-secret=sec0,iter-time=10", f.toString(), "16M");
            } else if (f.toString().endsWith("-luks.qcow2")) {
                cmd = java.util.List.of("qemu-img", "create", "-q", "--object", luks, "-f", "qcow2", "-o",
                        "encrypt.format=luks,encrypt.key-secret=sec0,encrypt.iter-time=10", f.toString(), "16M");
            } else if (f.toString().endsWith(".qcow2")) {
                cmd = java.util.List.of("qemu-img", "create", "-q", "-f", "qcow2", f.toString(), "16M");
            }
            if (cmd != null) {
                // LUKS creation times its key derivation by the thread's CPU clock; on a loaded
                // machine qemu-img now and then reads no CPU time ("Unable to get accurate CPU
                // usage") and gives up: that alone is tried again
                for (int attempt = 1; ; attempt++) {
                    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (p.waitFor() == 0) {
                        break;
                    }
                    if (attempt == 3 || !out.contains("Unable to get accurate CPU usage")) {
                        throw new IOException("qemu-img create " + f + ": " + out);
                    }
                }
            } else {
                try (var raf = new java.io.RandomAccessFile(f.toFile(), "rw")) {
                    raf.setLength(16L << 20);
                }
            }
        }
    }

    static Path file(String name, String ext) {
        return DIR.resolve(name + ext);
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path p, String s) {
        try {
            Files.writeString(p, s, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
