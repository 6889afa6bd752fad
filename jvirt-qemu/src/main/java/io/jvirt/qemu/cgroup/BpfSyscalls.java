package io.jvirt.qemu.cgroup;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Linux {@code bpf(2)} commands a cgroup v2 devices ACL needs, called through the FFM API
 * ({@code syscall(SYS_bpf, cmd, &attr, size)} with {@code union bpf_attr} laid out in a zeroed
 * segment), and {@code open(2)}/{@code close(2)} for the cgroup directory and the objects' fds.
 * x86_64 only (the syscall number). A failed call throws {@link BpfException} with its errno.
 */
final class BpfSyscalls {
    static final int BPF_MAP_CREATE = 0;
    static final int BPF_MAP_LOOKUP_ELEM = 1;
    static final int BPF_MAP_UPDATE_ELEM = 2;
    static final int BPF_MAP_DELETE_ELEM = 3;
    static final int BPF_MAP_GET_NEXT_KEY = 4;
    static final int BPF_PROG_LOAD = 5;
    static final int BPF_PROG_ATTACH = 8;
    static final int BPF_PROG_GET_FD_BY_ID = 13;
    static final int BPF_MAP_GET_FD_BY_ID = 14;
    static final int BPF_OBJ_GET_INFO_BY_FD = 15;
    static final int BPF_PROG_QUERY = 16;

    static final int BPF_MAP_TYPE_HASH = 1;
    static final int BPF_PROG_TYPE_CGROUP_DEVICE = 15;
    static final int BPF_CGROUP_DEVICE = 6;
    static final int BPF_F_ALLOW_MULTI = 2;
    static final int ENOENT = 2;

    private static final long SYS_BPF = 321; // x86_64
    /** Room for every union bpf_attr member used here (the kernel reads the rest as zero). */
    private static final int ATTR_SIZE = 128;
    private static final int O_RDONLY_DIRECTORY_CLOEXEC = 0200000 | 02000000;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SYSCALL = LINKER.downcallHandle(LINKER.defaultLookup().find("syscall").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
    private static final MethodHandle OPEN = LINKER.downcallHandle(LINKER.defaultLookup().find("open").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
            Linker.Option.firstVariadicArg(2), Linker.Option.captureCallState("errno"));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private BpfSyscalls() {
    }

    /** A zeroed {@code union bpf_attr}. */
    static MemorySegment attr(Arena arena) {
        return arena.allocate(ATTR_SIZE, 8);
    }

    /** {@code bpf(cmd, attr)}: its non-negative result (an fd for the commands making one). */
    static int bpf(int cmd, MemorySegment attr, String what) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            long rc = (long) SYSCALL.invokeExact(state, SYS_BPF, cmd, attr, ATTR_SIZE);
            if (rc < 0) {
                throw new BpfException(what, (int) ERRNO.get(state, 0L));
            }
            return (int) rc;
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("bpf downcall failed", t);
        }
    }

    /** An {@code O_RDONLY|O_DIRECTORY} fd of the cgroup directory {@code dir}. */
    static int openDirectory(Path dir) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment path = arena.allocateFrom(dir.toString());
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd = (int) OPEN.invokeExact(state, path, O_RDONLY_DIRECTORY_CLOEXEC, 0);
            if (fd < 0) {
                throw new BpfException("open " + dir, (int) ERRNO.get(state, 0L));
            }
            return fd;
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("open downcall failed", t);
        }
    }

    static void close(int fd) {
        if (fd < 0) {
            return;
        }
        try {
            int rc = (int) CLOSE.invokeExact(fd);
            assert rc == 0 || rc == -1;
        } catch (Throwable t) {
            throw new IllegalStateException("close downcall failed", t);
        }
    }

    /** A new hash map of {@code maxEntries} keys of {@code keySize} bytes to values of {@code valueSize}: its fd. */
    static int mapCreate(String name, int keySize, int valueSize, int maxEntries) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = attr(arena);
            a.set(ValueLayout.JAVA_INT, 0, BPF_MAP_TYPE_HASH);
            a.set(ValueLayout.JAVA_INT, 4, keySize);
            a.set(ValueLayout.JAVA_INT, 8, valueSize);
            a.set(ValueLayout.JAVA_INT, 12, maxEntries);
            name(a, 28, name);
            return bpf(BPF_MAP_CREATE, a, "BPF_MAP_CREATE");
        }
    }

    /**
     * Loads a {@code BPF_PROG_TYPE_CGROUP_DEVICE} program: its fd. The verifier's log is in the
     * exception when the kernel refuses it.
     */
    static int progLoad(String name, byte[] insns, String license) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment code = arena.allocate(insns.length, 8);
            MemorySegment.copy(insns, 0, code, ValueLayout.JAVA_BYTE, 0, insns.length);
            MemorySegment lic = arena.allocateFrom(license);
            MemorySegment a = attr(arena);
            a.set(ValueLayout.JAVA_INT, 0, BPF_PROG_TYPE_CGROUP_DEVICE);
            a.set(ValueLayout.JAVA_INT, 4, insns.length / 8);
            a.set(ValueLayout.JAVA_LONG, 8, code.address());
            a.set(ValueLayout.JAVA_LONG, 16, lic.address());
            name(a, 48, name);
            a.set(ValueLayout.JAVA_INT, 68, BPF_CGROUP_DEVICE); // expected_attach_type
            try {
                return bpf(BPF_PROG_LOAD, a, "BPF_PROG_LOAD");
            } catch (BpfException e) {
                MemorySegment log = arena.allocate(65536);
                a.set(ValueLayout.JAVA_INT, 24, 1);
                a.set(ValueLayout.JAVA_INT, 28, (int) log.byteSize());
                a.set(ValueLayout.JAVA_LONG, 32, log.address());
                try {
                    return bpf(BPF_PROG_LOAD, a, "BPF_PROG_LOAD");
                } catch (BpfException again) {
                    throw new BpfException("BPF_PROG_LOAD (verifier: " + log.getString(0).strip() + ")", again.errno());
                }
            }
        }
    }

    /** Attaches the program {@code progFd} to the cgroup {@code cgroupFd} as a device program (BPF_F_ALLOW_MULTI). */
    static void progAttach(int cgroupFd, int progFd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = attr(arena);
            a.set(ValueLayout.JAVA_INT, 0, cgroupFd);
            a.set(ValueLayout.JAVA_INT, 4, progFd);
            a.set(ValueLayout.JAVA_INT, 8, BPF_CGROUP_DEVICE);
            a.set(ValueLayout.JAVA_INT, 12, BPF_F_ALLOW_MULTI);
            bpf(BPF_PROG_ATTACH, a, "BPF_PROG_ATTACH");
        }
    }

    /** The ids of the device programs attached to the cgroup {@code cgroupFd} itself (not inherited). */
    static List<Integer> progQuery(int cgroupFd) {
        try (Arena arena = Arena.ofConfined()) {
            int room = 64;
            MemorySegment ids = arena.allocate(4L * room, 4);
            MemorySegment a = attr(arena);
            a.set(ValueLayout.JAVA_INT, 0, cgroupFd);
            a.set(ValueLayout.JAVA_INT, 4, BPF_CGROUP_DEVICE);
            a.set(ValueLayout.JAVA_LONG, 16, ids.address());
            a.set(ValueLayout.JAVA_INT, 24, room);
            bpf(BPF_PROG_QUERY, a, "BPF_PROG_QUERY");
            int n = Math.min(room, a.get(ValueLayout.JAVA_INT, 24));
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(ids.getAtIndex(ValueLayout.JAVA_INT, i));
            }
            return out;
        }
    }

    /** An fd of the program ({@code prog} true) or map with the kernel id {@code id}. */
    static int fdById(boolean prog, int id) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = attr(arena);
            a.set(ValueLayout.JAVA_INT, 0, id);
            return bpf(prog ? BPF_PROG_GET_FD_BY_ID : BPF_MAP_GET_FD_BY_ID, a,
                    prog ? "BPF_PROG_GET_FD_BY_ID" : "BPF_MAP_GET_FD_BY_ID");
        }
    }

    /** A program's name and the ids of the maps it uses (struct bpf_prog_info). */
    record ProgInfo(String name, List<Integer> mapIds) {
    }

    static ProgInfo progInfo(int progFd) {
        try (Arena arena = Arena.ofConfined()) {
            int room = 16;
            MemorySegment ids = arena.allocate(4L * room, 4);
            MemorySegment info = arena.allocate(80, 8); // up to name[16]
            info.set(ValueLayout.JAVA_INT, 52, room); // nr_map_ids
            info.set(ValueLayout.JAVA_LONG, 56, ids.address()); // map_ids
            infoByFd(progFd, info);
            int n = Math.min(room, info.get(ValueLayout.JAVA_INT, 52));
            List<Integer> maps = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                maps.add(ids.getAtIndex(ValueLayout.JAVA_INT, i));
            }
            return new ProgInfo(info.asSlice(64, 16).getString(0), maps);
        }
    }

    /** A map's name, key size and value size (struct bpf_map_info). */
    record MapInfo(String name, int keySize, int valueSize) {
    }

    static MapInfo mapInfo(int mapFd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(40, 8); // up to name[16]
            infoByFd(mapFd, info);
            return new MapInfo(info.asSlice(24, 16).getString(0), info.get(ValueLayout.JAVA_INT, 8),
                    info.get(ValueLayout.JAVA_INT, 12));
        }
    }

    private static void infoByFd(int fd, MemorySegment info) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = attr(arena);
            a.set(ValueLayout.JAVA_INT, 0, fd);
            a.set(ValueLayout.JAVA_INT, 4, (int) info.byteSize());
            a.set(ValueLayout.JAVA_LONG, 8, info.address());
            bpf(BPF_OBJ_GET_INFO_BY_FD, a, "BPF_OBJ_GET_INFO_BY_FD");
        }
    }

    /** Sets {@code key} to {@code value} in the map (BPF_ANY). */
    static void mapUpdate(int mapFd, byte[] key, byte[] value) {
        elem(BPF_MAP_UPDATE_ELEM, mapFd, key, value, "BPF_MAP_UPDATE_ELEM");
    }

    /** The value of {@code key}, or null when the map has no such key. */
    static byte[] mapLookup(int mapFd, byte[] key, int valueSize) {
        byte[] value = new byte[valueSize];
        try {
            elem(BPF_MAP_LOOKUP_ELEM, mapFd, key, value, "BPF_MAP_LOOKUP_ELEM");
            return value;
        } catch (BpfException e) {
            if (e.errno() == ENOENT) {
                return null;
            }
            throw e;
        }
    }

    /** Removes {@code key}; false when it was not there. */
    static boolean mapDelete(int mapFd, byte[] key) {
        try {
            elem(BPF_MAP_DELETE_ELEM, mapFd, key, null, "BPF_MAP_DELETE_ELEM");
            return true;
        } catch (BpfException e) {
            if (e.errno() == ENOENT) {
                return false;
            }
            throw e;
        }
    }

    /** Every key of the map (BPF_MAP_GET_NEXT_KEY from the start). */
    static List<byte[]> mapKeys(int mapFd, int keySize) {
        List<byte[]> out = new ArrayList<>();
        byte[] key = null;
        while (true) {
            byte[] next = new byte[keySize];
            try {
                elem(BPF_MAP_GET_NEXT_KEY, mapFd, key, next, "BPF_MAP_GET_NEXT_KEY");
            } catch (BpfException e) {
                if (e.errno() == ENOENT) {
                    return out;
                }
                throw e;
            }
            out.add(next);
            key = next;
        }
    }

    /** One BPF_MAP_*_ELEM command; {@code value} (or next_key) is read back into the array. */
    private static void elem(int cmd, int mapFd, byte[] key, byte[] value, String what) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = attr(arena);
            a.set(ValueLayout.JAVA_INT, 0, mapFd);
            if (key != null) {
                a.set(ValueLayout.JAVA_LONG, 8, arena.allocateFrom(ValueLayout.JAVA_BYTE, key).address());
            }
            MemorySegment v = value == null ? null : arena.allocateFrom(ValueLayout.JAVA_BYTE, value);
            if (v != null) {
                a.set(ValueLayout.JAVA_LONG, 16, v.address());
            }
            bpf(cmd, a, what);
            if (v != null) {
                MemorySegment.copy(v, ValueLayout.JAVA_BYTE, 0, value, 0, value.length);
            }
        }
    }

    private static void name(MemorySegment attr, long offset, String name) {
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        MemorySegment.copy(b, 0, attr, ValueLayout.JAVA_BYTE, offset, Math.min(b.length, 15));
    }

    /** A failed call, with the errno the kernel gave. */
    static final class BpfException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int errno;

        BpfException(String call, int errno) {
            super(call + " failed: " + describe(errno));
            this.errno = errno;
        }

        int errno() {
            return errno;
        }

        static String describe(int errno) {
            return switch (errno) {
                case 1 -> "Operation not permitted";
                case 2 -> "No such file or directory";
                case 7 -> "Argument list too long";
                case 9 -> "Bad file descriptor";
                case 12 -> "Cannot allocate memory";
                case 13 -> "Permission denied";
                case 14 -> "Bad address";
                case 16 -> "Device or resource busy";
                case 22 -> "Invalid argument";
                case 28 -> "No space left on device";
                case 38 -> "Function not implemented";
                case 95 -> "Operation not supported";
                default -> "errno " + errno;
            };
        }
    }
}
