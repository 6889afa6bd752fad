package io.jvirt.conf.device;

/**
 * The {@code <memballoon>}.
 *
 * @param model       "virtio" or "none"
 * @param statsPeriod seconds between guest memory statistics, or null
 * @param alias       alias, or null until post-parse
 * @param address     address, or null until post-parse
 * @param autodeflate {@code autodeflate='on|off'}, or null
 * @param freePageReporting {@code freePageReporting='on|off'}, or null
 */
public record MemballoonDef(String model, Integer statsPeriod, String alias, AddressDef address, Boolean autodeflate,
                            Boolean freePageReporting) {
    public MemballoonDef(String model, Integer statsPeriod, String alias, AddressDef address) {
        this(model, statsPeriod, alias, address, null, null);
    }

    public MemballoonDef withAliasAddress(String a, AddressDef addr) {
        return new MemballoonDef(model, statsPeriod, a, addr, autodeflate, freePageReporting);
    }
}
