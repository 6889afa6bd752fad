package io.jvirt.conf;

import io.jvirt.error.XmlException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Sizes with units, at the edges of a long (values up to 18 digits take a long-only path). */
class ByteSizeTest {
    @Test
    void unitsAndLeadingZeros() {
        assertEquals(128L << 20, ByteSize.parse("128", "MiB", "KiB", "memory").bytes());
        assertEquals(1024, ByteSize.parse(" 0001 ", null, "KiB", "memory").bytes());
        assertEquals(2_000_000_000L, ByteSize.parse("2", "GB", "KiB", "memory").bytes());
        assertEquals(1, ByteSize.parse("0000000000000000000000001", "b", "KiB", "memory").bytes());
        assertEquals(Long.MAX_VALUE, ByteSize.parse("9223372036854775807", "bytes", "KiB", "memory").bytes());
    }

    @Test
    void tooLargeOrNotANumber() {
        assertEquals("value '9223372036854775808' for memory is too large", assertThrows(XmlException.class,
                () -> ByteSize.parse("9223372036854775808", "b", "KiB", "memory")).detail());
        assertEquals("value '8' for memory is too large",
                assertThrows(XmlException.class, () -> ByteSize.parse("8", "EiB", "KiB", "memory")).detail());
        assertEquals("value '999999999999999999' for memory is too large", assertThrows(XmlException.class,
                () -> ByteSize.parse("999999999999999999", "KiB", "KiB", "memory")).detail());
        assertEquals("invalid value '-1' for memory: expected a non-negative integer",
                assertThrows(XmlException.class, () -> ByteSize.parse("-1", null, "KiB", "memory")).detail());
        assertEquals("invalid value '' for memory: expected a non-negative integer",
                assertThrows(XmlException.class, () -> ByteSize.parse(null, null, "KiB", "memory")).detail());
        assertThrows(XmlException.class, () -> ByteSize.parse("1", "furlong", "KiB", "memory"));
    }
}
