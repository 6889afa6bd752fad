package io.jvirt.qemu.cgroup;

import static io.jvirt.qemu.cgroup.BpfAssembler.R0;
import static io.jvirt.qemu.cgroup.BpfAssembler.R1;
import static io.jvirt.qemu.cgroup.BpfAssembler.R10;
import static io.jvirt.qemu.cgroup.BpfAssembler.R2;
import static io.jvirt.qemu.cgroup.BpfAssembler.R6;
import static io.jvirt.qemu.cgroup.BpfAssembler.R7;
import static io.jvirt.qemu.cgroup.BpfAssembler.R8;

/**
 * The cgroup v2 device program and its map. The map is a hash of 12-byte keys (type, major,
 * minor: little-endian u32s, {@link DeviceRule#ANY} for '*') to a u32 of allowed
 * BPF_DEVCG_ACC_* bits. The program, run by the kernel on every device access of the group's
 * tasks with a {@code struct bpf_cgroup_dev_ctx} ({@code access_type = access << 16 | type},
 * {@code major}, {@code minor}), looks the device up exactly, then with any minor, any major,
 * and both any, and returns 1 (allow) at the first entry whose bits hold every access asked,
 * else 0 (the access fails with EPERM).
 */
final class DeviceProgram {
    static final String NAME = "jvirt_devacl";
    static final int KEY_SIZE = 12;
    static final int VALUE_SIZE = 4;
    /** Entries the map can hold (a guest's rules are a dozen or so, plus its disks). */
    static final int MAX_ENTRIES = 512;
    /** No GPL-only helper is called (bpf_map_lookup_elem is not), so the license is only informative. */
    static final String LICENSE = "GPL";
    private static final int BPF_FUNC_MAP_LOOKUP_ELEM = 1;
    /** The key's slot on the stack: type at -16, major at -12, minor at -8. */
    private static final int KEY = -16;

    private DeviceProgram() {
    }

    /** The program's instructions for the map {@code mapFd}. */
    static byte[] program(int mapFd) {
        BpfAssembler a = new BpfAssembler();
        a.movReg(R6, R1);                 // r6 = ctx
        a.ldxW(R7, R6, 0);                // r7 = access_type
        a.movReg(R8, R7).andImm(R8, 0xffff); // r8 = device type
        a.rshImm(R7, 16);                 // r7 = access asked
        a.stxW(R10, KEY, R8);
        for (int pass = 0; pass < 4; pass++) {
            String next = "next" + pass;
            key(a, KEY + 4, 4, pass >= 2);      // any major in passes 2 and 3
            key(a, KEY + 8, 8, pass % 2 == 1);  // any minor in passes 1 and 3
            a.ldMapFd(R1, mapFd);
            a.movReg(R2, R10).addImm(R2, KEY);
            a.call(BPF_FUNC_MAP_LOOKUP_ELEM);
            a.jeqImm(R0, 0, next);            // no such entry
            a.ldxW(R1, R0, 0);
            a.andReg(R1, R7);
            a.jneReg(R1, R7, next);           // an access asked is not allowed by this entry
            a.movImm(R0, 1).exit();
            a.label(next);
        }
        return a.movImm(R0, 0).exit().bytes();
    }

    /** Stores the ctx field at {@code ctxOffset}, or {@link DeviceRule#ANY}, in the key at {@code stackOffset}. */
    private static void key(BpfAssembler a, int stackOffset, int ctxOffset, boolean any) {
        if (any) {
            a.stW(R10, stackOffset, DeviceRule.ANY);
        } else {
            a.ldxW(R0, R6, ctxOffset);
            a.stxW(R10, stackOffset, R0);
        }
    }

    static byte[] key(DeviceRule r) {
        byte[] k = new byte[KEY_SIZE];
        put(k, 0, r.typeCode());
        put(k, 4, r.major());
        put(k, 8, r.minor());
        return k;
    }

    static byte[] value(int access) {
        byte[] v = new byte[VALUE_SIZE];
        put(v, 0, access);
        return v;
    }

    /** The rule a map entry holds. */
    static DeviceRule rule(byte[] key, byte[] value) {
        return new DeviceRule(get(key, 0) == 1 ? 'b' : 'c', get(key, 4), get(key, 8), get(value, 0));
    }

    static int get(byte[] b, int at) {
        return b[at] & 0xff | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    private static void put(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >> 8 * i);
        }
    }
}
