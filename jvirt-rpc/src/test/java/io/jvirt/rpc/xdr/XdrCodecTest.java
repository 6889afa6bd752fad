package io.jvirt.rpc.xdr;

import static io.jvirt.rpc.Hex.bytes;
import static io.jvirt.rpc.Hex.dump;
import static io.jvirt.rpc.xdr.XdrType.field;
import static io.jvirt.rpc.xdr.XdrType.struct;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class XdrCodecTest {
    private static <T> byte[] enc(XdrType<T> t, T v) {
        XdrWriter w = new XdrWriter();
        t.encode(w, v);
        return w.toByteArray();
    }

    private static <T> T dec(XdrType<T> t, byte[] b) {
        XdrReader r = new XdrReader(b);
        T v = t.decode(r);
        assertEquals(0, r.remaining(), "decoder must consume exactly the encoding");
        return v;
    }

    /** Encodes, compares with the expected bytes, decodes, compares the value and re-encodes. */
    private static <T> void golden(XdrType<T> t, T value, String hex) {
        byte[] expected = bytes(hex);
        byte[] got = enc(t, value);
        assertEquals(dump(expected), dump(got));
        T back = dec(t, got);
        assertArrayEquals(expected, enc(t, back), "re-encoding differs");
    }

    @Test
    void integersAreBigEndianWords() {
        golden(XdrType.INT, 1, "00 00 00 01");
        golden(XdrType.INT, -1, "ff ff ff ff");
        golden(XdrType.UINT, 0x80000000, "80 00 00 00");
        golden(XdrType.HYPER, -2L, "ff ff ff ff ff ff ff fe");
        golden(XdrType.UHYPER, 460_000_000L, "00 00 00 00 1b 6b 0b 00");
        golden(XdrType.DOUBLE, 1.0, "3f f0 00 00 00 00 00 00");
        golden(XdrType.BOOL, true, "00 00 00 01");
        golden(XdrType.BOOL, false, "00 00 00 00");
    }

    @Test
    void boolDecodesAnyNonZeroAsTrue() {
        assertTrue(dec(XdrType.BOOL, bytes("00 00 00 07")));
    }

    @Test
    void cScalarsTakeAWordAndCheckTheirRange() {
        golden(XdrType.UCHAR, 1, "00 00 00 01");
        golden(XdrType.USHORT, 65535, "00 00 ff ff");
        assertThrows(XdrException.class, () -> enc(XdrType.UCHAR, 256));
        assertThrows(XdrException.class, () -> enc(XdrType.USHORT, -1));
        assertEquals(0xff, dec(XdrType.UCHAR, bytes("00 00 01 ff")), "keeps the low 8 bits like xdr_u_char");
    }

    @Test
    void stringsArePaddedWithZerosAndCarryNoNul() {
        golden(XdrType.string(100), "", "00 00 00 00");
        golden(XdrType.string(100), "t1", "00 00 00 02 74 31 00 00");
        golden(XdrType.string(100), "abcd", "00 00 00 04 61 62 63 64");
        golden(XdrType.string(100), "qemu:///system",
                "00 00 00 0e 71 65 6d 75 3a 2f 2f 2f 73 79 73 74 65 6d 00 00");
        golden(XdrType.string(100), "\u00e9", "00 00 00 02 c3 a9 00 00");
    }

    @Test
    void nonZeroPaddingIsIgnoredLikeLibvirtd() {
        assertEquals("t1", dec(XdrType.string(10), bytes("00 00 00 02 74 31 ff ff")));
    }

    @Test
    void stringLimitsAreEnforcedBothWays() {
        XdrType<String> s4 = XdrType.string(4);
        golden(s4, "abcd", "00 00 00 04 61 62 63 64");
        XdrException e = assertThrows(XdrException.class, () -> enc(s4, "abcde"));
        assertTrue(e.getMessage().contains("exceeds maximum 4"), e.getMessage());
        XdrException d = assertThrows(XdrException.class, () -> dec(s4, bytes("00 00 00 05 61 62 63 64 65 00 00 00")));
        assertTrue(d.getMessage().contains("string length 5 exceeds maximum 4"), d.getMessage());
    }

    @Test
    void hugeLengthWordIsRefusedBeforeAllocating() {
        // 0xffffffff would be 4 GiB: must fail on the bound, not with an OutOfMemoryError
        assertThrows(XdrException.class, () -> dec(XdrType.string(Long.MAX_VALUE), bytes("ff ff ff ff 00 00 00 00")));
        assertThrows(XdrException.class, () -> dec(XdrType.opaque(Long.MAX_VALUE), bytes("7f ff ff ff")));
        assertThrows(XdrException.class,
                () -> dec(XdrType.array(XdrType.INT, Integer.MAX_VALUE), bytes("7f ff ff ff 00 00 00 01")));
    }

    @Test
    void truncatedInputFails() {
        assertThrows(XdrException.class, () -> dec(XdrType.INT, bytes("00 00 01")));
        assertThrows(XdrException.class, () -> dec(XdrType.HYPER, bytes("00 00 00 00 00 00 01")));
        assertThrows(XdrException.class, () -> dec(XdrType.string(10), bytes("00 00 00 02 74")));
    }

    @Test
    void opaqueFixedAndVariable() {
        golden(XdrType.opaque(10), new byte[] {1, 2, 3}, "00 00 00 03 01 02 03 00");
        golden(XdrType.fixedOpaque(3), new byte[] {1, 2, 3}, "01 02 03 00");
        assertThrows(XdrException.class, () -> enc(XdrType.fixedOpaque(3), new byte[2]));
        assertThrows(XdrException.class, () -> enc(XdrType.opaque(2), new byte[3]));
    }

    @Test
    void uuidIsSixteenRawBytes() {
        golden(XdrType.UUID, UUID.fromString("11111111-2222-3333-4444-555555555555"),
                "11 11 11 11 22 22 33 33 44 44 55 55 55 55 55 55");
    }

    @Test
    void optionalPointer() {
        XdrType<String> opt = XdrType.optional(XdrType.string(10));
        golden(opt, null, "00 00 00 00");
        golden(opt, "t1", "00 00 00 01 00 00 00 02 74 31 00 00");
        XdrException e = assertThrows(XdrException.class, () -> dec(opt, bytes("00 00 00 02 00 00 00 00")));
        assertTrue(e.getMessage().contains("discriminant 2"), e.getMessage());
    }

    @Test
    void arraysCarryACountAndEnforceTheirBound() {
        XdrType<List<Integer>> a = XdrType.array(XdrType.INT, 3);
        golden(a, List.of(), "00 00 00 00");
        golden(a, List.of(1, -1, 7), "00 00 00 03 00 00 00 01 ff ff ff ff 00 00 00 07");
        assertThrows(XdrException.class, () -> enc(a, List.of(1, 2, 3, 4)));
        XdrException e = assertThrows(XdrException.class,
                () -> dec(a, bytes("00 00 00 04 00 00 00 01 00 00 00 01 00 00 00 01 00 00 00 01")));
        assertTrue(e.getMessage().contains("array length 4 exceeds maximum 3"), e.getMessage());
    }

    @Test
    void arrayCountLargerThanTheInputFailsFast() {
        XdrType<List<Long>> a = XdrType.array(XdrType.HYPER, 16384);
        XdrException e = assertThrows(XdrException.class, () -> dec(a, bytes("00 00 40 00 00 00 00 00")));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void fixedArrayHasNoCount() {
        XdrType<List<Integer>> a = XdrType.fixedArray(XdrType.INT, 2);
        golden(a, List.of(5, 6), "00 00 00 05 00 00 00 06");
        assertThrows(XdrException.class, () -> enc(a, List.of(5)));
    }

    @Test
    void charArrayIsOneWordPerChar() {
        XdrType<CChars> model = XdrType.charArray(32);
        byte[] got = enc(model, CChars.ofString("x86_64"));
        assertEquals(128, got.length, "char[32] is 32 words");
        assertEquals(dump(bytes("00 00 00 78 00 00 00 38 00 00 00 36 00 00 00 5f 00 00 00 36 00 00 00 34")),
                dump(java.util.Arrays.copyOf(got, 24)));
        for (int i = 24; i < 128; i++) {
            assertEquals(0, got[i]);
        }
        assertEquals("x86_64", dec(model, got).text());
    }

    @Test
    void charVectorCountsTheNul() {
        XdrType<CChars> v = XdrType.charVector(257);
        golden(v, CChars.ofString("none"),
                "00 00 00 05 00 00 00 6e 00 00 00 6f 00 00 00 6e 00 00 00 65 00 00 00 00");
        golden(v, CChars.EMPTY_STRING, "00 00 00 01 00 00 00 00");
        assertEquals("none", dec(v, enc(v, CChars.ofString("none"))).text());
        assertThrows(XdrException.class, () -> enc(XdrType.charVector(3), CChars.ofString("abc")));
        assertThrows(XdrException.class, () -> dec(XdrType.charVector(3), bytes("00 00 00 04")));
    }

    record Pair(int a, String b) {
    }

    @Test
    void structsEncodeFieldsInOrder() {
        XdrType<Pair> t = struct(Pair::new, field(Pair::a, XdrType.INT), field(Pair::b, XdrType.string(8)));
        golden(t, new Pair(-1, "ab"), "ff ff ff ff 00 00 00 02 61 62 00 00");
        assertEquals(new Pair(3, "x"), dec(t, enc(t, new Pair(3, "x"))));
        assertThrows(XdrException.class, () -> enc(t, null));
    }

    sealed interface Shape {
    }

    record Circle(int r) implements Shape {
    }

    record Label(String text) implements Shape {
    }

    @Test
    void unionsSwitchOnADiscriminant() {
        XdrType<Shape> u = XdrType.<Shape>union("shape")
                .arm(1, Circle.class, XdrType.INT.map(Circle::new, Circle::r))
                .arm(7, Label.class, XdrType.string(10).map(Label::new, Label::text))
                .build();
        golden(u, new Circle(5), "00 00 00 01 00 00 00 05");
        golden(u, new Label("hi"), "00 00 00 07 00 00 00 02 68 69 00 00");
        XdrException e = assertThrows(XdrException.class, () -> dec(u, bytes("00 00 00 02 00 00 00 00")));
        assertTrue(e.getMessage().contains("unknown discriminant 2"), e.getMessage());
    }

    @Test
    void voidIsNothing() {
        assertEquals(0, enc(XdrType.VOID, null).length);
        assertNull(dec(XdrType.VOID, new byte[0]));
    }

    @Test
    void bigStringAtTheProtocolLimit() {
        int max = 4_194_304;
        String s = String.join("", Collections.nCopies(max, "a"));
        XdrType<String> t = XdrType.string(max);
        assertEquals(max, dec(t, enc(t, s)).length());
        assertThrows(XdrException.class, () -> enc(t, s + "a"));
    }
}
