package io.jvirt.qemu.cgroup;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough of an eBPF assembler for {@link DeviceProgram}: 64-bit ALU and moves, 32-bit loads
 * and stores, the two-slot 64-bit immediate load of a map fd, helper calls, conditional jumps to
 * labels and exit. Each instruction is 8 bytes, little-endian: opcode, dst register (low nibble)
 * and src register (high nibble), a signed 16-bit offset, a signed 32-bit immediate.
 */
final class BpfAssembler {
    static final int R0 = 0;
    static final int R1 = 1;
    static final int R2 = 2;
    static final int R6 = 6;
    static final int R7 = 7;
    static final int R8 = 8;
    /** The read-only frame pointer. */
    static final int R10 = 10;

    // opcodes: class | size/operation | source
    private static final int LD_IMM64 = 0x00 | 0x18 | 0x00;  // BPF_LD | BPF_DW | BPF_IMM
    private static final int LDX_W = 0x01 | 0x60 | 0x00;     // BPF_LDX | BPF_MEM | BPF_W
    private static final int ST_W = 0x02 | 0x60 | 0x00;      // BPF_ST | BPF_MEM | BPF_W
    private static final int STX_W = 0x03 | 0x60 | 0x00;     // BPF_STX | BPF_MEM | BPF_W
    private static final int ALU64 = 0x07;
    private static final int ADD = 0x00;
    private static final int AND = 0x50;
    private static final int RSH = 0x70;
    private static final int MOV = 0xb0;
    private static final int K = 0x00;
    private static final int X = 0x08;
    private static final int JMP = 0x05;
    private static final int JEQ = 0x10;
    private static final int JNE = 0x50;
    private static final int CALL = 0x80;
    private static final int EXIT = 0x90;
    private static final int PSEUDO_MAP_FD = 1;

    private final List<long[]> insns = new ArrayList<>(); // {code, dst, src, off, imm}
    private final Map<String, Integer> labels = new HashMap<>();
    private final Map<Integer, String> jumps = new HashMap<>();

    BpfAssembler movReg(int dst, int src) {
        return emit(ALU64 | MOV | X, dst, src, 0, 0);
    }

    BpfAssembler movImm(int dst, int imm) {
        return emit(ALU64 | MOV | K, dst, 0, 0, imm);
    }

    BpfAssembler addImm(int dst, int imm) {
        return emit(ALU64 | ADD | K, dst, 0, 0, imm);
    }

    BpfAssembler andImm(int dst, int imm) {
        return emit(ALU64 | AND | K, dst, 0, 0, imm);
    }

    BpfAssembler andReg(int dst, int src) {
        return emit(ALU64 | AND | X, dst, src, 0, 0);
    }

    BpfAssembler rshImm(int dst, int imm) {
        return emit(ALU64 | RSH | K, dst, 0, 0, imm);
    }

    /** {@code dst = *(u32 *)(src + off)}. */
    BpfAssembler ldxW(int dst, int src, int off) {
        return emit(LDX_W, dst, src, off, 0);
    }

    /** {@code *(u32 *)(dst + off) = src}. */
    BpfAssembler stxW(int dst, int off, int src) {
        return emit(STX_W, dst, src, off, 0);
    }

    /** {@code *(u32 *)(dst + off) = imm}. */
    BpfAssembler stW(int dst, int off, int imm) {
        return emit(ST_W, dst, 0, off, imm);
    }

    /** {@code dst = the map of fd} (the kernel turns the fd into the map's address): two slots. */
    BpfAssembler ldMapFd(int dst, int fd) {
        emit(LD_IMM64, dst, PSEUDO_MAP_FD, 0, fd);
        return emit(0, 0, 0, 0, 0);
    }

    /** Calls the kernel helper {@code fn} (arguments in r1-r5, result in r0). */
    BpfAssembler call(int fn) {
        return emit(JMP | CALL, 0, 0, 0, fn);
    }

    BpfAssembler jeqImm(int dst, int imm, String label) {
        jumps.put(insns.size(), label);
        return emit(JMP | JEQ | K, dst, 0, 0, imm);
    }

    BpfAssembler jneReg(int dst, int src, String label) {
        jumps.put(insns.size(), label);
        return emit(JMP | JNE | X, dst, src, 0, 0);
    }

    BpfAssembler exit() {
        return emit(JMP | EXIT, 0, 0, 0, 0);
    }

    /** Names the next instruction. */
    BpfAssembler label(String name) {
        if (labels.putIfAbsent(name, insns.size()) != null) {
            throw new IllegalArgumentException("label " + name + " defined twice");
        }
        return this;
    }

    private BpfAssembler emit(int code, int dst, int src, int off, int imm) {
        insns.add(new long[] {code, dst, src, off, imm});
        return this;
    }

    /** The program's bytes, jumps resolved (an offset counts slots from the next instruction). */
    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(insns.size() * 8);
        for (int i = 0; i < insns.size(); i++) {
            long[] in = insns.get(i);
            int off = (int) in[3];
            String target = jumps.get(i);
            if (target != null) {
                Integer at = labels.get(target);
                if (at == null) {
                    throw new IllegalArgumentException("label " + target + " is not defined");
                }
                off = at - i - 1;
            }
            out.write((int) in[0]);
            out.write((int) (in[1] & 0xf | (in[2] & 0xf) << 4));
            out.write(off & 0xff);
            out.write(off >> 8 & 0xff);
            int imm = (int) in[4];
            for (int s = 0; s < 32; s += 8) {
                out.write(imm >> s & 0xff);
            }
        }
        return out.toByteArray();
    }
}
