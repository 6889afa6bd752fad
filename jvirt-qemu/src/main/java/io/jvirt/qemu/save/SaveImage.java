package io.jvirt.qemu.save;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationFailedException;
import io.jvirt.error.SystemException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * jvirt's save image: a 4 KiB-aligned header holding the domain XML, followed by QEMU's
 * migration stream (written by QEMU itself, appended to the file).
 *
 * <pre>
 * 0   16 bytes  magic "JvirtQemuSave\0\0\0"
 * 16  u32 BE    format version (1)
 * 20  u32 BE    length of the XML in bytes
 * 24  u32 BE    1 if the guest was running when saved
 * 28  u32 BE    offset of QEMU's stream (a multiple of 4096)
 * 32  XML (UTF-8), then zeros up to the stream offset
 * </pre>
 *
 * @param xml     the domain XML (with its device addresses, as the stream expects)
 * @param running whether the guest ran when it was saved
 * @param offset  where QEMU's migration stream starts
 */
public record SaveImage(String xml, boolean running, long offset) {
    private static final byte[] MAGIC = "JvirtQemuSave\0\0\0".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int HEADER = 32;
    private static final int ALIGN = 4096;
    /** The most XML a save image may hold. */
    static final int MAX_XML = 16 << 20;

    /** Writes the header of a new image to {@code file} (created, must not exist); returns it. */
    public static SaveImage create(Path file, String xml, boolean running) {
        byte[] x = xml.getBytes(StandardCharsets.UTF_8);
        long offset = ((HEADER + x.length + ALIGN - 1) / ALIGN) * ALIGN;
        ByteBuffer b = ByteBuffer.allocate((int) offset);
        b.put(MAGIC).putInt(VERSION).putInt(x.length).putInt(running ? 1 : 0).putInt((int) offset).put(x);
        b.position(0);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (b.hasRemaining()) {
                ch.write(b);
            }
        } catch (IOException e) {
            throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU,
                    "cannot write save image '" + file + "': " + e.getMessage(), e);
        }
        return new SaveImage(xml, running, offset);
    }

    /** Reads an image's header; a file that is not one fails with VIR_ERR_OPERATION_FAILED naming it. */
    public static SaveImage read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer h = ByteBuffer.allocate(HEADER);
            while (h.hasRemaining() && ch.read(h) >= 0) {
                // fill
            }
            if (h.hasRemaining() || !Arrays.equals(Arrays.copyOf(h.array(), MAGIC.length), MAGIC)) {
                throw invalid(file, "not a jvirt save image");
            }
            h.position(MAGIC.length);
            int version = h.getInt();
            int xmlLen = h.getInt();
            boolean running = h.getInt() == 1;
            long offset = Integer.toUnsignedLong(h.getInt());
            if (version != VERSION) {
                throw invalid(file, "unsupported save image version " + version);
            }
            if (xmlLen <= 0 || xmlLen > MAX_XML || offset < HEADER + (long) xmlLen || offset % ALIGN != 0
                    || offset >= ch.size()) {
                throw invalid(file, "corrupt or truncated save image header");
            }
            ByteBuffer x = ByteBuffer.allocate(xmlLen);
            ch.position(HEADER);
            while (x.hasRemaining() && ch.read(x) >= 0) {
                // fill
            }
            return new SaveImage(new String(x.array(), StandardCharsets.UTF_8), running, offset);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU,
                    "cannot open save image '" + file + "': No such file or directory", e);
        } catch (IOException e) {
            throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU,
                    "cannot read save image '" + file + "': " + e.getMessage(), e);
        }
    }

    private static OperationFailedException invalid(Path file, String why) {
        return new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                "cannot restore from '" + file + "': " + why);
    }

    /** Single-quotes {@code s} for /bin/sh (QEMU runs exec: migration URIs through it). */
    public static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
