package io.jvirt.rpc.proto;

/** The RPC programs this implementation serves, with their wire numbers (all version 1). */
public enum Program {
    /** The main API: connect, node, domains, events, secrets. */
    REMOTE(0x20008086, 1),
    /** QEMU-specific extras: monitor and agent passthrough, monitor events. */
    QEMU(0x20008087, 1),
    /** PING/PONG ("keep" in ASCII); messages only, never calls. */
    KEEPALIVE(0x6B656570, 1);

    private final int number;
    private final int version;

    Program(int number, int version) {
        this.number = number;
        this.version = version;
    }

    /** The program number on the wire. */
    public int number() {
        return number;
    }

    /** The program version on the wire. */
    public int version() {
        return version;
    }

    /** The program with this number and version, or {@code null}. */
    public static Program of(int number, int version) {
        for (Program p : values()) {
            if (p.number == number && p.version == version) {
                return p;
            }
        }
        return null;
    }
}
