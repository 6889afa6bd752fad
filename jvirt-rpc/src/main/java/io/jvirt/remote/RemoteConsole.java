package io.jvirt.remote;

import io.jvirt.ByteStream;
import io.jvirt.error.LibvirtException;
import io.jvirt.rpc.conn.ClientStream;
import io.jvirt.rpc.conn.StreamListener;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A console stream as a {@link ByteStream}: what the server sends is queued by the connection's
 * reader (never blocking it) and read from {@link #input()}; writes go out as stream packets.
 */
final class RemoteConsole implements ByteStream, StreamListener {
    private static final byte[] END = new byte[0];
    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private volatile ClientStream stream;
    private volatile LibvirtException error;
    private volatile boolean closed;

    void attach(ClientStream s) {
        this.stream = s;
    }

    @Override
    public void data(byte[] bytes) {
        if (bytes.length > 0) {
            chunks.add(bytes);
        }
    }

    @Override
    public void finished() {
        chunks.add(END);
    }

    @Override
    public void aborted(LibvirtException e) {
        error = e;
        chunks.add(END);
    }

    private final InputStream in = new InputStream() {
        private byte[] current;
        private int pos;
        private boolean eof;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (current == null || pos >= current.length) {
                if (eof) {
                    return -1;
                }
                try {
                    current = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted reading the console");
                }
                pos = 0;
                if (current == END) {
                    eof = true;
                    current = null;
                    chunks.add(END); // later readers see the end too
                    return -1;
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return current == null ? 0 : current.length - pos;
        }
    };

    private final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ClientStream s = stream;
            if (closed || s == null || !s.send(Arrays.copyOfRange(b, off, off + len))) {
                LibvirtException e = error;
                throw new IOException("console stream ended" + (e == null ? "" : ": " + e.getMessage()));
            }
        }
    };

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public OutputStream output() {
        return out;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            ClientStream s = stream;
            if (s != null) {
                s.abort();
            }
            chunks.add(END);
        }
    }
}
