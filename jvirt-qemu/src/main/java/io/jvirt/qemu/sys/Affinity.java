package io.jvirt.qemu.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.BitSet;

/**
 * CPU affinity of a host thread: Linux {@code sched_setaffinity(2)} and {@code sched_getaffinity(2)}
 * on a thread id (a task of {@code /proc/PID/task}), called through the FFM API. The CPU mask is a
 * {@link BitSet} of host CPU numbers. Thread-safe: each call uses its own confined arena.
 */
public final class Affinity {
    /** Room for 8192 CPUs, the kernel's largest NR_CPUS on x86_64. */
    private static final int MASK_BYTES = 8192 / 8;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SET = handle("sched_setaffinity");
    private static final MethodHandle GET = handle("sched_getaffinity");

    private Affinity() {
    }

    private static MethodHandle handle(String name) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                        ValueLayout.ADDRESS), Linker.Option.captureCallState("errno"));
    }

    /** Pins thread {@code tid} to {@code cpus}. */
    public static void set(long tid, BitSet cpus) {
        if (cpus.isEmpty() || cpus.length() > MASK_BYTES * 8) {
            throw new IllegalArgumentException("cpu set " + cpus + " is empty or too large");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(MASK_BYTES, 8);
            byte[] bytes = cpus.toByteArray(); // little-endian bit order, as cpu_set_t
            MemorySegment.copy(bytes, 0, mask, ValueLayout.JAVA_BYTE, 0, bytes.length);
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) SET.invokeExact(state, (int) tid, (long) MASK_BYTES, mask);
            if (rc != 0) {
                throw new AffinityException("sched_setaffinity", tid, (int) ERRNO.get(state, 0L));
            }
        } catch (AffinityException | IllegalArgumentException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("sched_setaffinity downcall failed", t);
        }
    }

    /** The CPUs thread {@code tid} may run on. */
    public static BitSet get(long tid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(MASK_BYTES, 8);
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) GET.invokeExact(state, (int) tid, (long) MASK_BYTES, mask);
            if (rc < 0) {
                throw new AffinityException("sched_getaffinity", tid, (int) ERRNO.get(state, 0L));
            }
            return BitSet.valueOf(mask.toArray(ValueLayout.JAVA_BYTE));
        } catch (AffinityException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("sched_getaffinity downcall failed", t);
        }
    }

    /** A failed affinity call, with the errno the kernel gave. */
    public static final class AffinityException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int errno;

        AffinityException(String call, long tid, int errno) {
            super(call + " of thread " + tid + " failed: " + describe(errno));
            this.errno = errno;
        }

        public int errno() {
            return errno;
        }

        private static String describe(int errno) {
            return switch (errno) {
                case 3 -> "No such process";
                case 22 -> "Invalid argument (no allowed CPU in the set)";
                case 1 -> "Operation not permitted";
                default -> "errno " + errno;
            };
        }
    }
}
