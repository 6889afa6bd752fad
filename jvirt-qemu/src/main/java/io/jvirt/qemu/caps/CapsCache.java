package io.jvirt.qemu.caps;

import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationFailedException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Capabilities per emulator binary, probed once and kept until the binary changes (path + mtime +
 * size). Thread-safe.
 */
public final class CapsCache {
    private static final Pattern VERSION = Pattern.compile("version (\\d+)\\.(\\d+)\\.(\\d+)");
    private static final Pattern MACHINE = Pattern.compile("^(\\S+)\\s+(.*?)$");
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    private record Entry(long mtime, long size, QemuCaps caps) {
    }

    /** The capabilities of {@code binary}, probing it if needed. */
    public QemuCaps get(String binary) {
        Path p = Path.of(binary);
        long mtime;
        long size;
        try {
            mtime = Files.getLastModifiedTime(p).toMillis();
            size = Files.size(p);
        } catch (IOException e) {
            throw new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.QEMU,
                    "emulator '" + binary + "' not found: install QEMU (Debian: apt-get install qemu-system-x86)");
        }
        if (!Files.isExecutable(p)) {
            throw new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.QEMU,
                    "emulator '" + binary + "' is not executable");
        }
        Entry e = cache.get(binary);
        if (e != null && e.mtime == mtime && e.size == size) {
            return e.caps;
        }
        QemuCaps caps = probe(binary);
        cache.put(binary, new Entry(mtime, size, caps));
        return caps;
    }

    private static QemuCaps probe(String binary) {
        String version = run(binary, "--version");
        Matcher m = VERSION.matcher(version);
        if (!m.find()) {
            throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                    "cannot parse the version of '" + binary + "': " + version.strip());
        }
        long ver = Long.parseLong(m.group(1)) * 1000000 + Long.parseLong(m.group(2)) * 1000 + Long.parseLong(m.group(3));
        List<QemuCaps.Machine> machines = new ArrayList<>();
        for (String line : run(binary, "-machine", "help").split("\n")) {
            Matcher mm = MACHINE.matcher(line.strip());
            if (line.startsWith("Supported") || !mm.matches()) {
                continue;
            }
            String desc = mm.group(2);
            String alias = null;
            Matcher am = Pattern.compile("\\(alias of (\\S+)\\)").matcher(desc);
            String name = mm.group(1);
            if (am.find()) {
                // "pc ... (alias of pc-i440fx-7.2)": record the alias on the canonical machine
                alias = name;
                name = am.group(1);
            }
            boolean dflt = desc.contains("(default)");
            String finalName = name;
            String finalAlias = alias;
            int idx = -1;
            for (int i = 0; i < machines.size(); i++) {
                if (machines.get(i).name().equals(finalName)) {
                    idx = i;
                }
            }
            if (idx >= 0) {
                QemuCaps.Machine old = machines.get(idx);
                machines.set(idx, new QemuCaps.Machine(old.name(), finalAlias != null ? finalAlias : old.alias(),
                        old.isDefault() || dflt, old.maxCpus()));
            } else {
                machines.add(new QemuCaps.Machine(finalName, finalAlias, dflt, 0));
            }
        }
        String arch = binary.contains("qemu-system-") ? binary.substring(binary.lastIndexOf("qemu-system-") + 12) : "x86_64";
        return new QemuCaps(binary, ver, arch, machines, false);
    }

    private static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                        "'" + String.join(" ", cmd) + "' did not finish in 30 s");
            }
            return out;
        } catch (IOException e) {
            throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                    "cannot run '" + cmd[0] + "': " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU, "interrupted");
        }
    }
}
