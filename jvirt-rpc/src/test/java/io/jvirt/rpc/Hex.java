package io.jvirt.rpc;

import java.util.HexFormat;

/** Hex dumps as written in remote-protocol.md ("00 00 00 1c 20 00 ..."), whitespace ignored. */
public final class Hex {
    private Hex() {
    }

    /** The bytes of a dump; any whitespace is ignored. */
    public static byte[] bytes(String dump) {
        return HexFormat.of().parseHex(dump.replaceAll("\\s+", ""));
    }

    /** A dump with a space between bytes, for readable assertion failures. */
    public static String dump(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }
}
