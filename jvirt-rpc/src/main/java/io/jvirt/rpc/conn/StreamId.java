package io.jvirt.rpc.conn;

import java.util.Objects;

import io.jvirt.rpc.proto.Program;

/**
 * Identifies a stream: every packet of it carries the program, procedure and serial of the call
 * that opened it (e.g. {@code DOMAIN_OPEN_CONSOLE}).
 *
 * @param program the opening call's program
 * @param procedure the opening call's procedure number
 * @param serial the opening call's serial (u32 bits)
 */
public record StreamId(Program program, int procedure, int serial) {
    public StreamId {
        Objects.requireNonNull(program, "program");
    }

    @Override
    public String toString() {
        return "StreamId[" + program + " " + procedure + " serial " + Integer.toUnsignedString(serial) + "]";
    }
}
