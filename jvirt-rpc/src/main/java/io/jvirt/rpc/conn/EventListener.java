package io.jvirt.rpc.conn;

/**
 * Receives the event MESSAGEs a server pushes to a {@link RpcClientConnection}. Runs on the
 * connection's reader thread: return fast, never block, never throw, never call the connection
 * synchronously (a call would wait for a reply only this thread can read).
 */
@FunctionalInterface
public interface EventListener {
    /** One decoded event, in the order the server sent them. */
    void onEvent(ReceivedEvent event);
}
