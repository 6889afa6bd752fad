package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.WatchdogDef;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.XmlException;
import io.jvirt.qemu.caps.QemuCaps;

import java.util.List;

/** What the QEMU driver runs of {@code <watchdog>} (libvirt 9.0: one watchdog per domain). */
final class WatchdogRules {
    private WatchdogRules() {
    }

    static void validate(DomainDef def, QemuCaps caps) {
        List<WatchdogDef> dogs = def.devices().of(WatchdogDef.class);
        if (dogs.size() > 1) {
            throw new XmlException(ErrorNumber.XML_ERROR, ErrorDomain.DOMAIN,
                    "only a single watchdog device is supported");
        }
        for (WatchdogDef w : dogs) {
            switch (w.model()) {
                case "diag288" -> throw GuestDeviceRules.unsupported(
                        "diag288 model of watchdog can go only on s390 guests");
                case "i6300esb", "ib700" -> {
                    if (!caps.deviceTypes().isEmpty() && !caps.hasDevice(w.model())) {
                        throw GuestDeviceRules.unsupported("watchdog model '" + w.model()
                                + "' is not supported by this QEMU binary");
                    }
                    if (w.model().equals("ib700") && w.address() != null) {
                        throw GuestDeviceRules.unsupported("ib700 watchdog device does not support an address");
                    }
                    if (w.model().equals("i6300esb") && w.address() != null && !w.address().type().equals("pci")) {
                        throw GuestDeviceRules.unsupported("i6300esb watchdog device needs a PCI address");
                    }
                }
                default -> { } // itco: part of the q35 chipset (checked at post-parse)
            }
        }
    }
}
