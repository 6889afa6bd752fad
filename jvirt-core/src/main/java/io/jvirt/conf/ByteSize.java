package io.jvirt.conf;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.XmlException;

import java.math.BigInteger;
import java.util.Locale;

/**
 * An amount of memory or storage, exactly, in bytes. Parses every unit libvirt accepts: b/bytes,
 * k/KiB, KB, M/MiB, MB, G/GiB, GB, T/TiB, TB, P/PiB, PB, E/EiB, EB (case-insensitive, single
 * letters are powers of 1024).
 */
public record ByteSize(long bytes) implements Comparable<ByteSize> {
    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative size " + bytes);
        }
    }

    public static ByteSize ofKiB(long kib) {
        return new ByteSize(Math.multiplyExact(kib, 1024L));
    }

    public static ByteSize ofMiB(long mib) {
        return new ByteSize(Math.multiplyExact(mib, 1024L * 1024));
    }

    /** Whole KiB, rounded up as libvirt does when it stores memory in KiB. */
    public long kib() {
        return (bytes + 1023) / 1024;
    }

    public long mib() {
        return (bytes + 1024 * 1024 - 1) / (1024 * 1024);
    }

    /**
     * Parses {@code value} in {@code unit} (null unit = {@code defaultUnit}); {@code what} names
     * the element for the error message.
     */
    public static ByteSize parse(String value, String unit, String defaultUnit, String what) {
        String v = value == null ? "" : value.trim();
        if (!digits(v)) {
            throw new XmlException(ErrorNumber.XML_ERROR, ErrorDomain.DOMAIN,
                    "invalid value '" + v + "' for " + what + ": expected a non-negative integer");
        }
        BigInteger mult = multiplier(unit == null || unit.isEmpty() ? defaultUnit : unit, what);
        if (v.length() <= 18) { // fits a long: no BigInteger for the usual sizes
            try {
                return new ByteSize(Math.multiplyExact(Long.parseLong(v), mult.longValueExact()));
            } catch (ArithmeticException e) {
                throw tooLarge(v, what);
            }
        }
        BigInteger b = new BigInteger(v).multiply(mult);
        if (b.bitLength() > 63) {
            throw tooLarge(v, what);
        }
        return new ByteSize(b.longValueExact());
    }

    private static XmlException tooLarge(String v, String what) {
        return new XmlException(ErrorNumber.XML_ERROR, ErrorDomain.DOMAIN, "value '" + v + "' for " + what + " is too large");
    }

    /** Whether {@code v} is one or more ASCII digits. */
    private static boolean digits(String v) {
        if (v.isEmpty()) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static BigInteger multiplier(String unit, String what) {
        String u = unit.toLowerCase(Locale.ROOT);
        int power;
        boolean si;
        switch (u) {
            case "b", "byte", "bytes" -> {
                return BigInteger.ONE;
            }
            default -> {
                char c = u.charAt(0);
                power = "kmgtpe".indexOf(c) + 1;
                String rest = u.substring(1);
                if (power == 0 || !(rest.isEmpty() || rest.equals("ib") || rest.equals("b"))) {
                    throw new XmlException(ErrorNumber.XML_ERROR, ErrorDomain.DOMAIN,
                            "unknown unit '" + unit + "' for " + what);
                }
                si = rest.equals("b");
            }
        }
        return BigInteger.valueOf(si ? 1000 : 1024).pow(power);
    }

    @Override
    public int compareTo(ByteSize o) {
        return Long.compare(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return bytes + "B";
    }
}
