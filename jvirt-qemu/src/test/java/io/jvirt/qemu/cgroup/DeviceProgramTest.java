package io.jvirt.qemu.cgroup;

import io.jvirt.error.ErrorNumber;
import io.jvirt.error.SystemException;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The devices ACL rules, the map's key layout and the program's encoding, without the kernel
 * (CgroupDeviceProgramIT loads the program and sees it enforced).
 */
class DeviceProgramTest {

    @Test
    void rulesParseAndPrintAsDevicesList() {
        DeviceRule r = DeviceRule.parse("c 136:* rw");
        assertEquals(new DeviceRule('c', 136, DeviceRule.ANY, DeviceRule.READ | DeviceRule.WRITE), r);
        assertEquals("c 136:* rw", r.toString());
        assertEquals("b 7:0 r", DeviceRule.parse("b 7:0 r").toString());
        assertEquals("c *:* rwm", DeviceRule.parse("c *:* mwr").toString(), "perms in devices.list order");
        for (String bad : List.of("a *:* rwm", "c 1:3", "c 1-3 rw", "c 1:3 rx", "c x:3 rw", "c 1:3:4 rw", "c 1:-3 rw", "")) {
            SystemException e = assertThrows(SystemException.class, () -> DeviceRule.parse(bad), bad);
            assertEquals(ErrorNumber.INVALID_ARG, e.number());
            assertTrue(e.getMessage().contains("invalid device rule '" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void mapKeysAreTypeMajorMinorLittleEndianWithAnyAsAllOnes() {
        DeviceRule r = DeviceRule.parse("c 136:* rw");
        assertEquals("0200000088000000ffffffff", HexFormat.of().formatHex(DeviceProgram.key(r)));
        assertEquals("06000000", HexFormat.of().formatHex(DeviceProgram.value(r.access())));
        assertEquals(r, DeviceProgram.rule(DeviceProgram.key(r), DeviceProgram.value(r.access())));
        assertEquals("b 7:0 r", DeviceProgram.rule(HexFormat.of().parseHex("010000000700000000000000"),
                HexFormat.of().parseHex("02000000")).toString());
    }

    @Test
    void programEncoding() {
        byte[] p = DeviceProgram.program(0x2a);
        // 6 setup slots; 4 lookups of 11 slots (ld_imm64 takes two) after storing the key's
        // major and minor (2 slots from the ctx, 1 for any); 2 to deny
        assertEquals((6 + 4 * 11 + (4 + 3 + 3 + 2) + 2) * 8, p.length);
        assertEquals("bf16000000000000", slot(p, 0), "r6 = r1");
        assertEquals("6167000000000000", slot(p, 1), "r7 = *(u32 *)(r6 + 0)");
        assertEquals("7707000010000000", slot(p, 4), "r7 >>= 16");
        assertEquals("638af0ff00000000", slot(p, 5), "*(u32 *)(r10 - 16) = r8");
        assertEquals("6160040000000000", slot(p, 6), "r0 = ctx->major");
        assertEquals("630af4ff00000000", slot(p, 7), "*(u32 *)(r10 - 12) = r0");
        assertEquals("18110000" + "2a000000", slot(p, 10), "r1 = map fd 42 (BPF_PSEUDO_MAP_FD)");
        assertEquals("0000000000000000", slot(p, 11), "second half of ld_imm64");
        assertEquals("8500000001000000", slot(p, 14), "call bpf_map_lookup_elem");
        assertEquals("1500050000000000", slot(p, 15), "if r0 == 0 goto the next lookup (5 slots on)");
        assertEquals("5d71020000000000", slot(p, 18), "if r1 != r7 goto the next lookup");
        assertEquals("b700000001000000", slot(p, 19), "r0 = 1");
        assertEquals("9500000000000000", slot(p, 20), "exit");
        assertEquals("6160040000000000", slot(p, 21), "the next lookup starts right after");
        assertEquals("620af8ffffffffff", slot(p, 21 + 2), "*(u32 *)(r10 - 8) = -1 (any minor)");
        int last = p.length / 8 - 1;
        assertEquals("b700000000000000", slot(p, last - 1), "r0 = 0: denied");
        assertEquals("9500000000000000", slot(p, last));
    }

    @Test
    void undefinedLabelsAreRefused() {
        BpfAssembler a = new BpfAssembler().jeqImm(0, 0, "nowhere").exit();
        assertThrows(IllegalArgumentException.class, a::bytes);
        assertArrayEquals(HexFormat.of().parseHex("9500000000000000"), new BpfAssembler().exit().bytes());
    }

    private static String slot(byte[] p, int i) {
        return HexFormat.of().formatHex(p, i * 8, i * 8 + 8);
    }
}
