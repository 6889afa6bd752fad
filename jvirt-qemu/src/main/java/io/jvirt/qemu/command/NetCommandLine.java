package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.InterfaceDef;

/** Network interfaces as {@code -netdev} backends and {@code -device} NICs. */
public final class NetCommandLine {
    private NetCommandLine() {
    }

    static void build(Argv a, DomainDef def) {
        for (InterfaceDef nic : def.devices().interfaces()) {
            String id = HotplugProps.netdevId(nic);
            a.keyValue("-netdev", backend(nic, id), "type");
            a.json("-device", frontend(nic, id, def.os().machine()));
        }
    }

    static JsonProps backend(InterfaceDef nic, String id) {
        JsonProps.Builder b = JsonProps.builder();
        switch (nic.type()) {
            case "user" -> {
                b.put("type", "user").put("id", id);
                java.util.List<String> fwds = nic.hostFwds().stream()
                        .map(pf -> pf.proto() + ":" + (pf.hostAddress() == null ? "" : pf.hostAddress()) + ":"
                                + pf.hostPort() + "-:" + pf.guestPort())
                        .toList();
                if (!fwds.isEmpty()) {
                    b.put("hostfwd", fwds);
                }
            }
            case "ethernet" -> {
                b.put("type", "tap").put("id", id);
                if (nic.targetDev() != null) {
                    b.put("ifname", nic.targetDev());
                }
                b.put("script", "no").put("downscript", "no");
                Integer q = nic.extra().driverQueues();
                b.put("queues", q != null && q > 1 ? q : null);
            }
            // an unprivileged libvirt (session mode) attaches to a bridge through qemu-bridge-helper
            case "bridge" -> b.put("type", "bridge").put("br", nic.source()).put("id", id);
            default -> throw new IllegalStateException("interface type " + nic.type() + " reached the argv builder");
        }
        return b.build();
    }

    static JsonProps frontend(InterfaceDef nic, String netdev, String machine) {
        String driver = driver(nic);
        boolean virtio = driver.startsWith("virtio-net");
        JsonProps.Builder b = JsonProps.builder().put("driver", driver);
        var x = nic.extra();
        if (virtio && x.driverQueues() != null && x.driverQueues() > 1) {
            b.put("mq", true).put("vectors", 2 * x.driverQueues() + 2);
        }
        b.put("netdev", netdev).put("id", nic.alias()).put("mac", nic.mac());
        if (virtio && x.mtu() != null) {
            b.put("host_mtu", x.mtu());
        }
        DeviceAddresses.pci(b, nic.address(), machine);
        if (nic.bootOrder() != null) {
            b.put("bootindex", nic.bootOrder());
        }
        if (x.rom() != null) {
            if (Boolean.FALSE.equals(x.rom().enabled())) {
                b.put("romfile", "");
            } else {
                if (x.rom().bar() != null) {
                    b.put("rombar", x.rom().bar() ? 1 : 0);
                }
                b.put("romfile", x.rom().file());
            }
        }
        return b.build();
    }

    /** The QEMU device of an interface model (libvirt's default model on x86 is rtl8139). */
    public static String driver(InterfaceDef nic) {
        String model = nic.model() == null ? "rtl8139" : nic.model();
        return switch (model) {
            case "virtio" -> "virtio-net-pci";
            case "virtio-transitional" -> "virtio-net-pci-transitional";
            case "virtio-non-transitional" -> "virtio-net-pci-non-transitional";
            default -> model;
        };
    }
}
