package io.jvirt.conf.device;

/** A {@code <panic model=.../>}: isa, hyperv, pvpanic, or null for the default. */
public record PanicDef(String model, String alias, AddressDef address) implements DeviceDef {
    @Override
    public String element() {
        return "panic";
    }
}
