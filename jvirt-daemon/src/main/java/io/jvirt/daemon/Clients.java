package io.jvirt.daemon;

import io.jvirt.rpc.conn.CallHandler;
import io.jvirt.rpc.conn.RpcServerConnection;
import io.jvirt.rpc.conn.ServerConfig;

import java.io.IOException;
import java.nio.channels.ByteChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The daemon's connected clients, from every listener: admission (max_clients) and the list that
 * shutdown closes.
 */
final class Clients {
    private static final System.Logger LOG = System.getLogger(Clients.class.getName());
    private final Set<RpcServerConnection> open = ConcurrentHashMap.newKeySet();
    private final CallHandler handler;
    private final ServerConfig config;
    private final int max;

    Clients(CallHandler handler, ServerConfig config, int max) {
        this.handler = handler;
        this.config = config;
        this.max = max;
    }

    /** Serves a newly accepted channel, or closes it when the daemon is full. */
    void accept(ByteChannel ch, boolean readOnly, String from) {
        open.removeIf(RpcServerConnection::isClosed);
        if (open.size() >= max) {
            LOG.log(System.Logger.Level.WARNING, "refusing client from {0}: max_clients ({1}) reached", from, max);
            try {
                ch.close();
            } catch (IOException e) {
                // nothing to do
            }
            return;
        }
        RpcServerConnection c = RpcServerConnection.over(ch, handler, config, readOnly);
        c.setAttachment(new ClientSession());
        open.add(c);
        c.start();
    }

    int count() {
        open.removeIf(RpcServerConnection::isClosed);
        return open.size();
    }

    /** Closes every client connection (their sessions close with them). */
    void closeAll() {
        open.forEach(RpcServerConnection::close);
        open.clear();
    }
}
