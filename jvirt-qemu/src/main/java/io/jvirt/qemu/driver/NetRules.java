package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.InterfaceDef;
import io.jvirt.qemu.caps.QemuCaps;
import io.jvirt.qemu.command.NetCommandLine;

/**
 * What the QEMU driver runs of network interfaces: user (slirp), ethernet (tap) and bridge (tap
 * through qemu-bridge-helper) backends, the NIC models the probed QEMU has, and the driver, MTU
 * and ROM options; the rest is refused with the reason.
 */
final class NetRules {
    private NetRules() {
    }

    static void validate(DomainDef def, QemuCaps caps) {
        for (InterfaceDef n : def.devices().interfaces()) {
            String what = "interface '" + (n.alias() != null ? n.alias() : n.type()) + "'";
            switch (n.type()) {
                case "user", "ethernet" -> { }
                case "bridge" -> {
                    if (n.source() == null) {
                        throw unsupported(what + ": a bridge interface needs <source bridge=...>");
                    }
                }
                case "network" -> throw unsupported(what + ": type 'network' needs a libvirt virtual network, "
                        + "which this driver does not manage (use type='user' or type='bridge')");
                case "direct" -> throw unsupported(what + ": type 'direct' (macvtap) needs the tap file descriptor "
                        + "passed to QEMU, which this driver cannot do");
                case "vhostuser" -> throw unsupported(what + ": type 'vhostuser' (-netdev vhost-user with its chardev) "
                        + "is not built by this driver yet");
                default -> throw unsupported(what + ": type '" + n.type() + "' is not supported");
            }
            var x = n.extra();
            String driver = NetCommandLine.driver(n);
            if (!caps.deviceTypes().isEmpty() && !caps.hasDevice(driver)) {
                throw unsupported(what + ": model '" + n.model() + "' is not supported by this QEMU binary");
            }
            boolean virtio = driver.startsWith("virtio-net");
            if (x.mtu() != null && !virtio) {
                throw unsupported(what + ": setting the MTU is only supported with model 'virtio'");
            }
            if (x.driverQueues() != null && x.driverQueues() > 1 && (!virtio || !n.type().equals("ethernet")
                    && !n.type().equals("bridge"))) {
                throw unsupported(what + ": multiqueue (driver queues) needs a virtio model on a tap backend");
            }
            if ("vhost".equals(x.driverName()) && n.type().equals("user")) {
                throw unsupported(what + ": driver 'vhost' is not supported with user networking");
            }
            if (x.filter() != null) {
                throw unsupported(what + ": <filterref> needs libvirt's network filter driver (nwfilter), "
                        + "which this driver does not have");
            }
            if (x.virtualport() != null || x.bandwidth() != null || x.coalesceRxFrames() != null
                    || x.sourceMode() != null) {
                throw unsupported(what + ": <virtualport>, <bandwidth>, <coalesce> and source mode are not "
                        + "supported by this driver");
            }
        }
    }

    private static io.jvirt.error.ConfigUnsupportedException unsupported(String msg) {
        return GuestDeviceRules.unsupported(msg);
    }
}
