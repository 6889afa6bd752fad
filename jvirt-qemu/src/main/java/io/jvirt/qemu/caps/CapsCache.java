package io.jvirt.qemu.caps;

import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.qemu.paths.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Capabilities per emulator binary: probed over QMP ({@link QmpProbe}) plus the KVM check
 * ({@link KvmCheck}), kept in memory and in one file per binary under the cache directory
 * ({@code cache/qemu/capabilities/SHA256-OF-PATH.caps}), and used while the binary's
 * {@link BinaryStamp} is unchanged. Thread-safe; concurrent callers for one binary probe once.
 */
public final class CapsCache {
    private static final System.Logger LOG = System.getLogger(CapsCache.class.getName());
    private final Path dir;
    private final Function<String, QemuCaps> prober;
    private final ConcurrentHashMap<String, CapsFile.Stamped> memory = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger probes = new java.util.concurrent.atomic.AtomicInteger();

    /** A cache kept in memory only. */
    public CapsCache() {
        this(null);
    }

    /** A cache kept in memory and in {@code dir} (created when first written). */
    public CapsCache(Path dir) {
        this(dir, CapsCache::probe);
    }

    CapsCache(Path dir, Function<String, QemuCaps> prober) {
        this.dir = dir;
        this.prober = prober;
    }

    /** How many probes this cache ran (for tests and benchmarks). */
    public int probeCount() {
        return probes.get();
    }

    /** Where the capabilities of {@code binary} are cached on disk, or null without a directory. */
    public Path fileFor(String binary) {
        if (dir == null) {
            return null;
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(binary.getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(h) + ".caps");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The capabilities of {@code binary}: from memory or the cache file if the binary is
     * unchanged, else probed (and saved).
     *
     * @throws ConfigUnsupportedException if the binary does not exist or is not executable
     * @throws io.jvirt.error.OperationFailedException if probing fails
     */
    public QemuCaps get(String binary) {
        Path p = Path.of(binary);
        BinaryStamp stamp = stamp(binary, p);
        CapsFile.Stamped m = memory.get(binary);
        if (m != null && m.stamp().equals(stamp)) {
            return m.caps();
        }
        ReentrantLock lock = locks.computeIfAbsent(binary, b -> new ReentrantLock());
        lock.lock();
        try {
            m = memory.get(binary);
            if (m != null && m.stamp().equals(stamp)) {
                return m.caps();
            }
            CapsFile.Stamped fromFile = load(binary);
            if (fromFile != null && fromFile.stamp().equals(stamp) && fromFile.caps().binary().equals(binary)) {
                memory.put(binary, fromFile);
                return fromFile.caps();
            }
            probes.incrementAndGet();
            QemuCaps caps = prober.apply(binary);
            CapsFile.Stamped fresh = new CapsFile.Stamped(stamp, caps);
            memory.put(binary, fresh);
            save(fresh);
            return caps;
        } finally {
            lock.unlock();
        }
    }

    private static BinaryStamp stamp(String binary, Path p) {
        try {
            BinaryStamp s = BinaryStamp.of(p);
            if (!Files.isExecutable(p)) {
                throw new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.QEMU,
                        "emulator '" + binary + "' is not executable");
            }
            return s;
        } catch (IOException e) {
            throw new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.QEMU,
                    "emulator '" + binary + "' not found: install QEMU (Debian: apt-get install qemu-system-x86)");
        }
    }

    private CapsFile.Stamped load(String binary) {
        Path f = fileFor(binary);
        if (f == null) {
            return null;
        }
        try {
            return CapsFile.parse(Files.readString(f));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read cached capabilities " + f + ": " + e.getMessage());
            return null;
        }
    }

    private void save(CapsFile.Stamped s) {
        Path f = fileFor(s.caps().binary());
        if (f == null) {
            return;
        }
        try {
            Files.createDirectories(f.getParent());
            AtomicFiles.write(f, CapsFile.format(s.stamp(), s.caps()));
        } catch (IOException | RuntimeException e) {
            // the capabilities are still good; the next process probes again
            LOG.log(System.Logger.Level.WARNING, "cannot save capabilities to " + f + ": " + e.getMessage());
        }
    }

    /**
     * The real probe: QMP and, for an emulator of the host's architecture, the KVM check, run in
     * parallel (the KVM check waits for a deadline when KVM hangs).
     */
    static QemuCaps probe(String binary) {
        var kvmTask = new java.util.concurrent.FutureTask<>(() -> KvmCheck.run(binary));
        boolean hostArchBinary = Path.of(binary).getFileName().toString().equals("qemu-system-" + hostArch())
                || binary.endsWith("qemu-kvm");
        if (hostArchBinary && hostArch().equals("x86_64")) {
            Thread.ofVirtual().start(kvmTask);
        }
        QmpProbe.Result r = QmpProbe.run(binary);
        KvmVerdict kvm;
        if (!r.arch().equals("x86_64") || !hostArch().equals("x86_64")) {
            kvm = KvmVerdict.no("", "no KVM check for a " + r.arch() + " emulator on a " + hostArch() + " host");
        } else {
            if (!hostArchBinary) {
                Thread.ofVirtual().start(kvmTask);
            }
            try {
                kvm = kvmTask.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kvm = KvmVerdict.no("", "interrupted");
            } catch (java.util.concurrent.ExecutionException e) {
                kvm = KvmVerdict.no("", "the KVM check failed: " + e.getCause());
            }
        }
        return QmpProbe.toCaps(binary, r, kvm);
    }

    /** The host architecture in QEMU's naming. */
    public static String hostArch() {
        String a = System.getProperty("os.arch").toLowerCase(java.util.Locale.ROOT);
        return switch (a) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> a;
        };
    }
}
