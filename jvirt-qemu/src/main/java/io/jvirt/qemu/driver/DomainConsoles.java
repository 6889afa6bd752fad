package io.jvirt.qemu.driver;

import io.jvirt.ByteStream;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.ChrDef;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationFailedException;
import io.jvirt.error.OperationUnsupportedException;
import io.jvirt.error.SystemException;
import io.jvirt.qemu.domain.DomainObj;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** Console access: a running domain's pty console as a {@link ByteStream}. */
final class DomainConsoles {
    private DomainConsoles() {
    }

    static ByteStream open(DomainObj d, String devName, int flags) {
        io.jvirt.Flags.check(flags, 0, "qemuDomainOpenConsole");
        DomainStopper.requireRunning(d);
        DomainDef live = d.liveDef();
        List<ChrDef> candidates = new ArrayList<>(live.devices().consoles());
        candidates.addAll(live.devices().serials());
        ChrDef chr = null;
        for (ChrDef c : candidates) {
            if (devName == null || devName.equals(c.alias())) {
                chr = c;
                break;
            }
        }
        if (chr == null) {
            throw new io.jvirt.error.InternalException(ErrorNumber.INTERNAL_ERROR, ErrorDomain.QEMU,
                    devName == null ? "cannot find default console device" : "cannot find character device " + devName);
        }
        if (!"pty".equals(chr.type()) || chr.path() == null) {
            throw new OperationUnsupportedException(ErrorNumber.OPERATION_UNSUPPORTED, ErrorDomain.QEMU,
                    "character device " + chr.alias() + " is not using a PTY");
        }
        return PtyStream.open(chr.path());
    }

    /** Both directions of a pty (QEMU opens it in raw mode). */
    private record PtyStream(FileInputStream in, FileOutputStream out) implements ByteStream {
        static PtyStream open(String path) {
            try {
                FileInputStream in = new FileInputStream(path);
                return new PtyStream(in, new FileOutputStream(path));
            } catch (IOException e) {
                throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU,
                        "cannot open console " + path + ": " + e.getMessage(), e);
            }
        }

        @Override
        public InputStream input() {
            // a pty whose other side closed reports EIO: that is the end of the stream
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] b = new byte[1];
                    return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    try {
                        return in.read(b, off, len);
                    } catch (IOException e) {
                        return -1;
                    }
                }
            };
        }

        @Override
        public OutputStream output() {
            return out;
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing a console cannot usefully fail
            }
            try {
                out.close();
            } catch (IOException ignored) {
                // ditto
            }
        }
    }
}
