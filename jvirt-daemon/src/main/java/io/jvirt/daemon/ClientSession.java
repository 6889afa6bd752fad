package io.jvirt.daemon;

import io.jvirt.ByteStream;
import io.jvirt.EventRegistration;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationInvalidException;
import io.jvirt.rpc.conn.StreamId;
import io.jvirt.spi.ConnectDriver;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client's state in jvirtd: the driver connection it opened (CONNECT_OPEN), its event
 * callbacks and open streams. Everything is released when the client goes away.
 */
public final class ClientSession implements AutoCloseable {
    private volatile ConnectDriver conn;
    private final AtomicInteger nextCallback = new AtomicInteger(1);
    final Map<Integer, EventRegistration> callbacks = new ConcurrentHashMap<>();
    final Map<StreamId, ByteStream> streams = new ConcurrentHashMap<>();

    public void open(ConnectDriver c) {
        if (conn != null) {
            c.close();
            throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.RPC,
                    "connection already open");
        }
        conn = c;
    }

    /** The driver connection; VIR_ERR_INVALID_CONN before CONNECT_OPEN. */
    public ConnectDriver conn() {
        ConnectDriver c = conn;
        if (c == null) {
            throw new OperationInvalidException(ErrorNumber.INVALID_CONN, ErrorDomain.RPC, "connection not open");
        }
        return c;
    }

    /** Registers a callback id's registration (events flow to the client until it is closed). */
    public void addCallback(int id, EventRegistration r) {
        callbacks.put(id, r);
    }

    /** Removes and closes a callback; false if the client has no such id. */
    public boolean removeCallback(int id) {
        EventRegistration r = callbacks.remove(id);
        if (r != null) {
            r.close();
        }
        return r != null;
    }

    public void addStream(StreamId id, ByteStream s) {
        streams.put(id, s);
    }

    public ByteStream stream(StreamId id) {
        return streams.get(id);
    }

    public ByteStream removeStream(StreamId id) {
        return streams.remove(id);
    }

    public int newCallbackId() {
        return nextCallback.getAndIncrement();
    }

    @Override
    public void close() {
        callbacks.values().forEach(EventRegistration::close);
        callbacks.clear();
        streams.values().forEach(ByteStream::close);
        streams.clear();
        ConnectDriver c = conn;
        conn = null;
        if (c != null) {
            c.close();
        }
    }
}
