package io.jvirt.conf.device;

/**
 * A disk's {@code <driver>}.
 *
 * @param name         "qemu", or null
 * @param format       type attribute ("raw", "qcow2"), or null
 * @param cache        default, none, writethrough, writeback, directsync, unsafe, or null
 * @param io           threads, native, io_uring, or null
 * @param discard      unmap or ignore, or null
 * @param detectZeroes off, on, unmap, or null
 * @param iothread     IOThread id, or null
 * @param errorPolicy  stop, report, ignore, enospace, or null
 * @param queues       virtio queues, or null
 * @param rerrorPolicy read error policy: stop, report, ignore, or null (error_policy applies)
 */
public record DiskDriverDef(String name, String format, String cache, String io, String discard,
                            String detectZeroes, Integer iothread, String errorPolicy, Integer queues,
                            String rerrorPolicy) {
    public static final DiskDriverDef NONE = new DiskDriverDef(null, null, null, null, null, null, null, null, null);

    public DiskDriverDef(String name, String format, String cache, String io, String discard, String detectZeroes,
                         Integer iothread, String errorPolicy, Integer queues) {
        this(name, format, cache, io, discard, detectZeroes, iothread, errorPolicy, queues, null);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
