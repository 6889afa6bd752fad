package io.jvirt.qemu.host;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The offload features of a network interface, asked of the kernel with the {@code SIOCETHTOOL}
 * ioctl (through the FFM API; no native library), as libvirt's node device XML lists them:
 * {@code rx tx sg tso gso gro} (one ethtool "get" each), {@code lro rxvlan txvlan ntuple rxhash}
 * (the ETHTOOL_GFLAGS bits) and {@code txudptnl} (bit 25 of the first ETHTOOL_GFEATURES block's
 * active set, the bit libvirt checks). A command the driver does not support means the feature is
 * absent. No privilege is needed. Linux x86_64 ({@code struct ifreq} layout).
 */
public final class Ethtool {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final long SIOCETHTOOL = 0x8946;
    private static final int IFNAMSIZ = 16;
    private static final int IFREQ_SIZE = 40;
    private static final int GFLAGS = 0x25;
    private static final int GFEATURES = 0x3a;
    /** name, ethtool "get" command: in libvirt's order. */
    private static final Object[][] VALUE_FEATURES = {
        {"rx", 0x14}, {"tx", 0x16}, {"sg", 0x18}, {"tso", 0x1e}, {"gso", 0x23}, {"gro", 0x2b},
    };
    /** name, ETHTOOL_GFLAGS bit. */
    private static final Object[][] FLAG_FEATURES = {
        {"lro", 1 << 15}, {"rxvlan", 1 << 8}, {"txvlan", 1 << 7}, {"ntuple", 1 << 27}, {"rxhash", 1 << 28},
    };
    private static final int TX_UDP_TNL_BIT = 25;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle SOCKET = LINKER.downcallHandle(LINKER.defaultLookup().find("socket").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle IOCTL = LINKER.downcallHandle(LINKER.defaultLookup().find("ioctl").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private Ethtool() {
    }

    /**
     * The features of interface {@code ifname} in libvirt's order, without {@code rdma} and
     * {@code switchdev} (not ethtool's); empty when the interface or the socket cannot be had.
     */
    public static List<String> features(String ifname) {
        byte[] name = ifname.getBytes(StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        if (name.length >= IFNAMSIZ) {
            return out;
        }
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) SOCKET.invokeExact(AF_UNIX, SOCK_DGRAM, 0);
            if (fd < 0) {
                return out;
            }
            try {
                MemorySegment ifr = arena.allocate(IFREQ_SIZE, 8);
                MemorySegment.copy(name, 0, ifr, ValueLayout.JAVA_BYTE, 0, name.length);
                MemorySegment value = arena.allocate(8, 4);
                ifr.set(ValueLayout.ADDRESS, IFNAMSIZ, value);
                for (Object[] f : VALUE_FEATURES) {
                    Integer data = get(fd, ifr, value, (int) f[1]);
                    if (data != null && data != 0) {
                        out.add((String) f[0]);
                    }
                }
                Integer flags = get(fd, ifr, value, GFLAGS);
                for (Object[] f : FLAG_FEATURES) {
                    if (flags != null && (flags & (int) f[1]) != 0) {
                        out.add((String) f[0]);
                    }
                }
                // struct ethtool_gfeatures { u32 cmd, size; { u32 available, requested, active, never_changed } [2] }
                MemorySegment g = arena.allocate(8 + 2 * 16, 4);
                g.set(ValueLayout.JAVA_INT, 0, GFEATURES);
                g.set(ValueLayout.JAVA_INT, 4, 2);
                ifr.set(ValueLayout.ADDRESS, IFNAMSIZ, g);
                if ((int) IOCTL.invokeExact(fd, SIOCETHTOOL, ifr) == 0
                        && (g.get(ValueLayout.JAVA_INT, 8 + 8) & (1 << TX_UDP_TNL_BIT)) != 0) {
                    out.add("txudptnl");
                }
            } finally {
                int ignored = (int) CLOSE.invokeExact(fd);
            }
        } catch (Throwable t) {
            throw new IllegalStateException("ethtool downcall failed", t);
        }
        return out;
    }

    /** One {@code struct ethtool_value} get: its data, or null if the driver refuses the command. */
    private static Integer get(int fd, MemorySegment ifr, MemorySegment value, int cmd) throws Throwable {
        value.set(ValueLayout.JAVA_INT, 0, cmd);
        value.set(ValueLayout.JAVA_INT, 4, 0);
        ifr.set(ValueLayout.ADDRESS, IFNAMSIZ, value);
        return (int) IOCTL.invokeExact(fd, SIOCETHTOOL, ifr) == 0 ? value.get(ValueLayout.JAVA_INT, 4) : null;
    }
}
