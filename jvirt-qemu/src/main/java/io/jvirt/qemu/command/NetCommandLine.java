package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.InterfaceDef;

/** Network interfaces as {@code -netdev} backends and {@code -device} NICs. */
final class NetCommandLine {
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
            case "ethernet", "bridge", "network" -> {
                b.put("type", "tap").put("id", id);
                if (nic.targetDev() != null) {
                    b.put("ifname", nic.targetDev());
                }
                b.put("script", "no").put("downscript", "no");
            }
            default -> throw new IllegalStateException("interface type " + nic.type() + " reached the argv builder");
        }
        return b.build();
    }

    static JsonProps frontend(InterfaceDef nic, String netdev, String machine) {
        String model = nic.model() == null ? "rtl8139" : nic.model();
        String driver = switch (model) {
            case "virtio" -> "virtio-net-pci";
            default -> model;
        };
        JsonProps.Builder b = JsonProps.builder().put("driver", driver).put("netdev", netdev).put("id", nic.alias())
                .put("mac", nic.mac());
        DeviceAddresses.pci(b, nic.address(), machine);
        if (nic.bootOrder() != null) {
            b.put("bootindex", nic.bootOrder());
        }
        return b.build();
    }
}
