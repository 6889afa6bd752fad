package io.jvirt.rpc.conn;

import io.jvirt.error.LibvirtException;

/**
 * Receives what a server sends on a client stream ({@link ClientStream}). Runs on the connection's
 * reader thread, possibly <em>before</em> the reply of the opening call arrives (libvirtd forwards
 * console output as soon as it has it): return fast and never block.
 */
public interface StreamListener {
    /** Raw bytes from the server. */
    void data(byte[] bytes);

    /** The server ended the stream, or confirmed the client's finish or abort. */
    default void finished() {
    }

    /** The server aborted the stream with {@code error}, or the connection closed. */
    default void aborted(LibvirtException error) {
    }
}
