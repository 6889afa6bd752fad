package io.jvirt.rpc.wire;

import static io.jvirt.rpc.Hex.bytes;
import static io.jvirt.rpc.Hex.dump;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import io.jvirt.error.NoSuchObjectException;
import io.jvirt.rpc.proto.ConnectMessages.NodeInfo;
import io.jvirt.rpc.proto.ConnectMessages.OpenArgs;
import io.jvirt.rpc.proto.ConnectProcedures;
import io.jvirt.rpc.proto.DomainMessages.DomainInfo;
import io.jvirt.rpc.proto.DomainProcedures;
import io.jvirt.rpc.proto.EventMessages.CallbackLifecycle;
import io.jvirt.rpc.proto.EventProcedures;
import io.jvirt.rpc.proto.Procedure;
import io.jvirt.rpc.proto.Program;
import io.jvirt.rpc.xdr.CChars;
import io.jvirt.rpc.xdr.XdrReader;
import io.jvirt.rpc.xdr.XdrType;
import io.jvirt.rpc.xdr.XdrWriter;

/**
 * Byte-exact encodings of the messages captured from virsh/libvirtd 9.0 in remote-protocol.md 2.4:
 * each is built from the procedure table, compared as bytes, read back with {@link Framing},
 * decoded, and encoded again.
 */
class KnownMessagesTest {
    private static final UUID T1 = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final String T1_UUID_HEX = "11 11 11 11 22 22 33 33 44 44 55 55 55 55 55 55";

    private static <T> byte[] message(Procedure<?, ?> p, MessageType type, int serial, MessageStatus status, XdrType<T> t,
            T body) {
        XdrWriter w = new XdrWriter();
        t.encode(w, body);
        Header h = new Header(p.program().number(), p.program().version(), p.number(), type, serial, status);
        return Framing.encode(new Message(h, w.toByteArray()));
    }

    /** Compares, then reads the bytes back and returns the decoded body after checking a re-encode. */
    private static <T> T check(String expectedHex, byte[] got, XdrType<T> t) throws IOException {
        byte[] expected = bytes(expectedHex);
        assertEquals(dump(expected), dump(got));
        Message m = Framing.read(new ByteArrayInputStream(got), Limits.MAX_LENGTH);
        XdrReader r = new XdrReader(m.payload());
        T body = t.decode(r);
        assertEquals(0, r.remaining());
        XdrWriter w = new XdrWriter();
        t.encode(w, body);
        assertArrayEquals(expected, Framing.encode(new Message(m.header(), w.toByteArray())));
        return body;
    }

    @Test
    void connectOpenCall() throws IOException {
        byte[] got = message(ConnectProcedures.CONNECT_OPEN, MessageType.CALL, 2, MessageStatus.OK,
                ConnectProcedures.CONNECT_OPEN.args(), new OpenArgs("qemu:///system", 0));
        OpenArgs back = check("""
                00 00 00 38 20 00 80 86 00 00 00 01 00 00 00 01 00 00 00 00 00 00 00 02 00 00 00 00
                00 00 00 01 00 00 00 0e 71 65 6d 75 3a 2f 2f 2f 73 79 73 74 65 6d 00 00 00 00 00 00
                """, got, ConnectProcedures.CONNECT_OPEN.args());
        assertEquals(new OpenArgs("qemu:///system", 0), back);
    }

    @Test
    void connectOpenReplyIsABareHeader() throws IOException {
        byte[] got = message(ConnectProcedures.CONNECT_OPEN, MessageType.REPLY, 2, MessageStatus.OK, XdrType.VOID, null);
        check("00 00 00 1c 20 00 80 86 00 00 00 01 00 00 00 01 00 00 00 01 00 00 00 02 00 00 00 00", got, XdrType.VOID);
    }

    @Test
    void lookupByNameCallAndReply() throws IOException {
        var p = DomainProcedures.DOMAIN_LOOKUP_BY_NAME;
        check("""
                00 00 00 24 20 00 80 86 00 00 00 01 00 00 00 17 00 00 00 00 00 00 00 06 00 00 00 00
                00 00 00 02 74 31 00 00
                """, message(p, MessageType.CALL, 6, MessageStatus.OK, p.args(), "t1"), p.args());
        WireDomain dom = check("""
                00 00 00 38 20 00 80 86 00 00 00 01 00 00 00 17 00 00 00 01 00 00 00 06 00 00 00 00
                00 00 00 02 74 31 00 00
                """ + T1_UUID_HEX + " ff ff ff ff",
                message(p, MessageType.REPLY, 6, MessageStatus.OK, p.ret(), new WireDomain("t1", T1, -1)), p.ret());
        assertEquals(new WireDomain("t1", T1, -1), dom);
    }

    @Test
    void domainGetInfoReplyUsesWordsForCharAndShort() throws IOException {
        var p = DomainProcedures.DOMAIN_GET_INFO;
        DomainInfo info = new DomainInfo(1, 65536, 65536, 1, 460_000_000L);
        DomainInfo back = check("""
                00 00 00 3c 20 00 80 86 00 00 00 01 00 00 00 10 00 00 00 01 00 00 00 08 00 00 00 00
                00 00 00 01 00 00 00 00 00 01 00 00 00 00 00 00 00 01 00 00 00 00 00 01
                00 00 00 00 1b 6b 0b 00
                """, message(p, MessageType.REPLY, 8, MessageStatus.OK, p.ret(), info), p.ret());
        assertEquals(info, back);
    }

    @Test
    void nodeGetInfoReplyIs188Bytes() throws IOException {
        var p = ConnectProcedures.NODE_GET_INFO;
        NodeInfo info = new NodeInfo(CChars.ofString("x86_64"), 5_073_108L, 2, 2299, 1, 1, 2, 1);
        StringBuilder hex = new StringBuilder(
                "00 00 00 bc 20 00 80 86 00 00 00 01 00 00 00 06 00 00 00 01 00 00 00 03 00 00 00 00 ");
        hex.append("00 00 00 78 00 00 00 38 00 00 00 36 00 00 00 5f 00 00 00 36 00 00 00 34 ");
        hex.append(String.join("", Collections.nCopies(26, "00 00 00 00 ")));
        hex.append("00 00 00 00 00 4d 68 d4 00 00 00 02 00 00 08 fb 00 00 00 01 00 00 00 01 00 00 00 02 00 00 00 01");
        byte[] got = message(p, MessageType.REPLY, 3, MessageStatus.OK, p.ret(), info);
        assertEquals(188, got.length);
        NodeInfo back = check(hex.toString(), got, p.ret());
        assertEquals("x86_64", back.model().text());
        assertEquals(5_073_108L, back.memory());
    }

    @Test
    void errorReplyForAMissingDomain() throws IOException {
        var p = DomainProcedures.DOMAIN_LOOKUP_BY_NAME;
        LibvirtException e = new NoSuchObjectException(ErrorNumber.NO_DOMAIN, ErrorDomain.QEMU,
                "no domain with matching name 't1'");
        byte[] got = message(p, MessageType.REPLY, 6, MessageStatus.ERROR, RemoteError.XDR, RemoteError.from(e));
        RemoteError back = check("""
                00 00 00 c0 20 00 80 86 00 00 00 01 00 00 00 17 00 00 00 01 00 00 00 06 00 00 00 01
                00 00 00 2a 00 00 00 0a
                00 00 00 01 00 00 00 33
                44 6f 6d 61 69 6e 20 6e 6f 74 20 66 6f 75 6e 64 3a 20 6e 6f 20 64 6f 6d 61 69 6e 20
                77 69 74 68 20 6d 61 74 63 68 69 6e 67 20 6e 61 6d 65 20 27 74 31 27 00
                00 00 00 02 00 00 00 00
                00 00 00 01 00 00 00 14 44 6f 6d 61 69 6e 20 6e 6f 74 20 66 6f 75 6e 64 3a 20 25 73
                00 00 00 01 00 00 00 21
                6e 6f 20 64 6f 6d 61 69 6e 20 77 69 74 68 20 6d 61 74 63 68 69 6e 67 20 6e 61 6d 65 20
                27 74 31 27 00 00 00
                00 00 00 00 ff ff ff ff ff ff ff ff 00 00 00 00
                """, got, RemoteError.XDR);
        LibvirtException rebuilt = back.toException();
        assertInstanceOf(NoSuchObjectException.class, rebuilt);
        assertEquals("Domain not found: no domain with matching name 't1'", rebuilt.getMessage());
        assertEquals(ErrorDomain.QEMU, rebuilt.domain());
    }

    @Test
    void lifecycleEventCarriesSerialOne() throws IOException {
        var p = EventProcedures.DOMAIN_EVENT_CALLBACK_LIFECYCLE;
        CallbackLifecycle ev = new CallbackLifecycle(0, new WireDomain("t1", T1, 2), 4, 0);
        CallbackLifecycle back = check("""
                00 00 00 44 20 00 80 86 00 00 00 01 00 00 01 3e 00 00 00 02 00 00 00 01 00 00 00 00
                00 00 00 00 00 00 00 02 74 31 00 00
                """ + T1_UUID_HEX + " 00 00 00 02 00 00 00 04 00 00 00 00",
                message(p, MessageType.MESSAGE, 1, MessageStatus.OK, p.args(), ev), p.args());
        assertEquals(ev, back);
    }

    @Test
    void keepalivePingAndPong() throws IOException {
        Header ping = new Header(Program.KEEPALIVE.number(), 1, 1, MessageType.MESSAGE, 0, MessageStatus.OK);
        check("00 00 00 1c 6b 65 65 70 00 00 00 01 00 00 00 01 00 00 00 02 00 00 00 00 00 00 00 00",
                Framing.encode(Message.empty(ping)), XdrType.VOID);
        Header pong = new Header(Program.KEEPALIVE.number(), 1, 2, MessageType.MESSAGE, 0, MessageStatus.OK);
        check("00 00 00 1c 6b 65 65 70 00 00 00 01 00 00 00 02 00 00 00 02 00 00 00 00 00 00 00 00",
                Framing.encode(Message.empty(pong)), XdrType.VOID);
    }

    @Test
    void consoleStreamDataIsRawAndUnpadded() throws IOException {
        Header h = new Header(Program.REMOTE.number(), 1, 201, MessageType.STREAM, 8, MessageStatus.CONTINUE);
        byte[] data = "UEST\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] got = Framing.encode(new Message(h, data));
        assertEquals(dump(bytes("""
                00 00 00 22 20 00 80 86 00 00 00 01 00 00 00 c9 00 00 00 03 00 00 00 08 00 00 00 02
                55 45 53 54 0d 0a
                """)), dump(got));
        Message m = Framing.read(new ByteArrayInputStream(got), Limits.MAX_LENGTH);
        assertEquals(h, m.header());
        assertArrayEquals(data, m.payload());
        assertEquals(29, Framing.encode(new Message(h, new byte[1])).length, "a 1-byte chunk is a 29-byte message");
    }
}
