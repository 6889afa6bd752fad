package io.jvirt.qemu.caps;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The KVM probe's firmware: a 64 KiB BIOS image whose code walks the vCPU from real mode to
 * protected mode to 64-bit long mode, reporting each stage on the debugcon port, then exits QEMU
 * through isa-debug-exit. The assembly source, with how to rebuild these bytes, is the resource
 * {@code io/jvirt/qemu/caps/kvm-probe.S}.
 */
final class KvmFirmware {
    /** QEMU's exit status when the firmware reached its end: (0x2a << 1) | 1. */
    static final int EXIT_STATUS = 85;
    /** The progress bytes of a complete run. */
    static final String ALL_STAGES = "RPL";
    static final int SIZE = 64 * 1024;

    /** The assembled code, loaded at offset 0 (physical 0xF0000). */
    private static final String CODE = "fabae900b052ee2e660f0116b8000f20c06683c8010f22c066ea20000f00080066b81000"
            + "8ed88ec08ed0b050eebf0010000031c0b9000c0000f3abc7050010000003200000c7050020000003300000c705003000"
            + "00830000000f20e083c8200f22e0b8001000000f22d8b9800000c00f320d000100000f300f20c00d000000800f22c0ea"
            + "8a000f00180066bae900b04ceeb02ae6f4f4ebfd0000000000000000ffff0000009acf00ffff00000092cf00ffff0000"
            + "009aaf001f0098000f000000";
    /** At the reset vector (offset 0xFFF0): ljmp $0xf000, $0. */
    private static final String RESET = "ea000000f0";

    private KvmFirmware() {
    }

    /** The image, padded with {@code hlt}. */
    static byte[] image() {
        byte[] img = new byte[SIZE];
        Arrays.fill(img, (byte) 0xf4);
        byte[] code = HexFormat.of().parseHex(CODE);
        System.arraycopy(code, 0, img, 0, code.length);
        byte[] reset = HexFormat.of().parseHex(RESET);
        System.arraycopy(reset, 0, img, 0xfff0, reset.length);
        return img;
    }
}
