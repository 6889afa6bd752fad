package io.jvirt;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * A two-way byte stream to something of a domain (its console): what libvirt calls a virStream.
 * Reading returns -1 once the other end is gone (the guest stopped). Closing ends both directions.
 */
public interface ByteStream extends AutoCloseable {
    InputStream input();

    OutputStream output();

    @Override
    void close();
}
