package io.jvirt.rpc.wire;

import static io.jvirt.rpc.Hex.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

import org.junit.jupiter.api.Test;

class FramingTest {
    private static final String HEADER = "20 00 80 86 00 00 00 01 00 00 00 03 00 00 00 00 00 00 00 05 00 00 00 00";

    private static InputStream in(String hex) {
        return new ByteArrayInputStream(bytes(hex));
    }

    @Test
    void limitsMatchLibvirt9() {
        assertEquals(33_554_432, Limits.MESSAGE_MAX);
        assertEquals(33_554_436, Limits.MAX_LENGTH);
        assertEquals(33_554_408, Limits.PAYLOAD_MAX);
        assertEquals(28, Limits.MIN_LENGTH);
        assertEquals(4_194_304, Limits.STRING_MAX);
        assertEquals(16_384, Limits.DOMAIN_LIST_MAX);
    }

    @Test
    void readsAMessageAndReportsCleanEndOfStream() throws IOException {
        InputStream s = in("00 00 00 20 " + HEADER + " de ad be ef");
        Message m = Framing.read(s, Limits.MAX_LENGTH);
        assertEquals(3, m.header().procedure());
        assertEquals(5, m.header().serial());
        assertEquals(4, m.payload().length);
        assertNull(Framing.read(s, Limits.MAX_LENGTH), "EOF between messages is a clean end");
    }

    @Test
    void lengthAboveTheMaximumIsRefusedBeforeReadingFurther() {
        // 33554440 = 0x02000008: libvirtd drops the connection
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> Framing.read(in("02 00 00 08"), Limits.MAX_LENGTH));
        assertTrue(e.getMessage().contains("33554440"), e.getMessage());
        assertThrows(ProtocolException.class, () -> Framing.read(in("ff ff ff ff"), Limits.MAX_LENGTH));
    }

    @Test
    void largestLegalLengthIsAccepted() throws IOException {
        // 33554436 = 0x02000004 passes the length check; the stream then ends early, which is a
        // different error than the length check's
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> Framing.read(in("02 00 00 04 " + HEADER), Limits.MAX_LENGTH));
        assertTrue(e.getMessage().contains("end of stream inside a message"), e.getMessage());
    }

    @Test
    void lengthBelowAHeaderIsRefused() {
        assertThrows(ProtocolException.class, () -> Framing.read(in("00 00 00 1b"), Limits.MAX_LENGTH));
        assertThrows(ProtocolException.class, () -> Framing.read(in("00 00 00 00"), Limits.MAX_LENGTH));
    }

    @Test
    void aLowerConfiguredMaximumIsEnforced() {
        assertThrows(ProtocolException.class, () -> Framing.read(in("00 00 00 21 " + HEADER + " 00"), 32));
    }

    @Test
    void truncatedLengthWordOrBodyIsAProtocolError() {
        assertThrows(ProtocolException.class, () -> Framing.read(in("00 00"), Limits.MAX_LENGTH));
        assertThrows(ProtocolException.class, () -> Framing.read(in("00 00 00 20 " + HEADER), Limits.MAX_LENGTH));
    }

    @Test
    void unknownTypeOrStatusKeepsTheRawWords() throws IOException {
        String bad = "00 00 00 1c 20 00 80 86 00 00 00 01 00 00 00 03 00 00 00 00 00 00 00 09 00 00 00 07";
        InputStream s = new SequenceInputStream(in(bad), in("00 00 00 1c " + HEADER));
        BadHeaderException e = assertThrows(BadHeaderException.class, () -> Framing.read(s, Limits.MAX_LENGTH));
        assertEquals(0, e.type());
        assertEquals(7, e.status());
        assertEquals(9, e.serial());
        // the bad message was consumed whole: the stream is still in step
        assertEquals(5, Framing.read(s, Limits.MAX_LENGTH).header().serial());
    }

    @Test
    void headerRoundTripAndAnswer() {
        Header call = new Header(0x20008086, 1, 23, MessageType.CALL, -2, MessageStatus.OK);
        Header reply = call.answer(MessageType.REPLY, MessageStatus.ERROR);
        assertEquals(new Header(0x20008086, 1, 23, MessageType.REPLY, -2, MessageStatus.ERROR), reply);
        assertEquals(4294967294L, reply.serialUnsigned());
        byte[] b = Framing.encode(Message.empty(reply));
        assertEquals(28, b.length);
    }
}
