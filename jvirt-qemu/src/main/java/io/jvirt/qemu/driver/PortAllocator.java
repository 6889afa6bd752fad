package io.jvirt.qemu.driver;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InternalException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.BitSet;

/**
 * Hands out TCP ports from a range (VNC: qemu.conf remote_display_port_min/max, 5900-65535):
 * never one another guest holds, and only one nothing else on the host listens on. Released
 * when the guest stops; re-reserved for guests reattached at open.
 */
final class PortAllocator {
    private final int min;
    private final int max;
    private final BitSet used = new BitSet();

    PortAllocator(int min, int max) {
        this.min = min;
        this.max = max;
    }

    synchronized int allocate(String listen) {
        for (int p = min; p <= max; p++) {
            if (!used.get(p) && free(listen, p)) {
                used.set(p);
                return p;
            }
        }
        throw new InternalException(ErrorNumber.INTERNAL_ERROR, ErrorDomain.QEMU,
                "Unable to find an unused port in range 'display' (" + min + "-" + max + ")");
    }

    synchronized void reserve(int port) {
        used.set(port);
    }

    synchronized void release(int port) {
        if (port > 0) {
            used.clear(port);
        }
    }

    private static boolean free(String listen, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(listen == null ? "127.0.0.1" : listen), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
