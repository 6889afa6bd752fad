package io.jvirt.conf.post;

import java.util.Set;

/**
 * What post-parse needs from the driver and the other defined domains. Implementations must be
 * pure lookups (no I/O beyond cached capabilities).
 */
public interface PostParseContext {
    /** The host architecture used when {@code <type arch>} is absent. */
    String defaultArch();

    /** The emulator binary for an architecture. */
    String defaultEmulator(String arch);

    /** The canonical machine type for a requested one (null = the default), e.g. "pc" to "pc-i440fx-7.2". */
    String canonicalMachine(String emulator, String arch, String machine);

    /** MAC addresses already used by other defined domains (lowercase). */
    Set<String> usedMacs();

    /** Random bytes for UUIDs and MACs; injectable so tests are reproducible. */
    void randomBytes(byte[] into);
}
