package io.jvirt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Copying a guest's console to the terminal. */
public final class Streams {
    private Streams() {
    }

    /** Copies until end of input (the guest side closed) or an I/O error; flushes every chunk. */
    public static void copy(InputStream in, OutputStream out) {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the console went away with the guest
        }
    }
}
