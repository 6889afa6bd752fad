package io.jvirt.remote;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An open byte stream to a daemon: a socket or an ssh child's stdin/stdout.
 *
 * @param in          what the daemon sends
 * @param out         what we send
 * @param resource    closed (socket) or ended (process) when the connection closes
 * @param description where it leads, for messages
 */
record Transport(InputStream in, OutputStream out, Closeable resource, String description) {
}
