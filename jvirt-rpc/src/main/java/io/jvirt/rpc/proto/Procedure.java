package io.jvirt.rpc.proto;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import io.jvirt.rpc.xdr.XdrType;

/**
 * One procedure of one program: everything the codec, the server's dispatch, the read-only gate
 * and the client stub need to know about it. Instances are the constants of the family classes
 * and are compared by identity.
 *
 * @param program the program it belongs to
 * @param number the procedure number on the wire
 * @param name libvirt's name without the {@code REMOTE_PROC_}/{@code QEMU_PROC_} prefix
 * @param kind a call (answered by a reply) or a message (an event or keepalive, never answered)
 * @param args the encoding of a call's arguments or a message's body
 * @param ret the encoding of a successful reply ({@link XdrType#VOID} for messages)
 * @param readOnly whether a read-only connection may call it
 * @param priority whether it may wait for a domain job
 * @param stream whether a successful call opens a stream on its serial
 * @param <A> the argument (or message body) type
 * @param <R> the return type ({@code Void} when there is none)
 */
public record Procedure<A, R>(Program program, int number, String name, Kind kind, XdrType<A> args, XdrType<R> ret,
        boolean readOnly, Priority priority, boolean stream) {

    /** Whether a procedure is called or only sent. */
    public enum Kind {
        /** CALL answered by REPLY. */
        CALL,
        /** MESSAGE (event or keepalive), never answered. */
        MESSAGE
    }

    private static final Set<String> ACRONYMS = Set.of("XML", "UUID", "ID", "CPU", "URI", "OS", "PM", "NMI", "IO");

    public Procedure {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(ret, "ret");
        Objects.requireNonNull(priority, "priority");
        if (kind == Kind.MESSAGE && ret != XdrType.VOID) {
            throw new IllegalArgumentException(name + ": a message has no reply");
        }
    }

    /**
     * The public API function this procedure implements, e.g. {@code virDomainDestroy}, used in
     * messages such as "read only access prevents virDomainDestroy". Derived from the name; QEMU
     * procedures get libvirt's {@code Qemu} infix ({@code virDomainQemuMonitorCommand}).
     */
    public String apiName() {
        StringBuilder sb = new StringBuilder("vir");
        String[] words = name.split("_");
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (ACRONYMS.contains(w)) {
                sb.append(w);
            } else {
                sb.append(w.charAt(0)).append(w.substring(1).toLowerCase(Locale.ROOT));
            }
            if (i == 0 && program == Program.QEMU && w.equals("DOMAIN")) {
                sb.append("Qemu");
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return program + "." + name + "(" + number + ")";
    }

    // identity semantics: two table entries are the same procedure only if they are the same object
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
