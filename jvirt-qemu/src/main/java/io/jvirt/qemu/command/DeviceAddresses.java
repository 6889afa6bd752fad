package io.jvirt.qemu.command;

import io.jvirt.conf.device.AddressDef;

/** Turns model addresses into QEMU {@code bus}/{@code addr} properties. */
final class DeviceAddresses {
    private DeviceAddresses() {
    }

    /** Adds bus and addr for a PCI address (bus 0 only for now). */
    static void pci(JsonProps.Builder b, AddressDef a, String machine) {
        if (a == null || !a.type().equals("pci")) {
            return;
        }
        int bus = Math.max(a.intAttr("bus"), 0);
        String root = machine != null && machine.contains("q35") ? "pcie.0" : "pci.0";
        b.put("bus", bus == 0 ? root : "pci." + bus);
        int fn = Math.max(a.intAttr("function"), 0);
        b.put("addr", String.format("0x%x", a.intAttr("slot")) + (fn != 0 ? "." + fn : ""));
        String mf = a.attributes().get("multifunction");
        if ("on".equals(mf)) {
            b.put("multifunction", true);
        }
    }
}
