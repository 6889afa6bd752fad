package io.jvirt.conf.device;

/** A {@code <watchdog model action/>}: model i6300esb, ib700, diag288, itco. */
public record WatchdogDef(String model, String action, String alias, AddressDef address) implements DeviceDef {
    @Override
    public String element() {
        return "watchdog";
    }
}
