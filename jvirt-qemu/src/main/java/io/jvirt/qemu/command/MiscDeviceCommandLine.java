package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.IommuDef;
import io.jvirt.conf.device.RngDef;
import io.jvirt.conf.device.VsockDef;

/**
 * The virtio RNG (rng-random, rng-egd over a chardev, rng-builtin backends; rate limit), the
 * IOMMU (intel-iommu with its driver switches, virtio-iommu-pci) and vhost-vsock.
 */
final class MiscDeviceCommandLine {
    private MiscDeviceCommandLine() {
    }

    /**
     * The IOMMUs on the PCI bus ({@code pciBus} true: virtio-iommu-pci, after the PCI controllers
     * it may sit behind) or not ({@code false}: intel-iommu, before every PCI device).
     */
    static void iommu(Argv a, DomainDef def, boolean pciBus) {
        for (IommuDef i : def.devices().of(IommuDef.class)) {
            if (i.model().equals("virtio") != pciBus) {
                continue;
            }
            JsonProps.Builder b = JsonProps.builder();
            String id = i.alias() != null ? i.alias() : "iommu0";
            switch (i.model()) {
                case "intel" -> {
                    b.put("driver", "intel-iommu").put("id", id);
                    if (i.intremap() != null) {
                        b.put("intremap", i.intremap() ? "on" : "off");
                    }
                    b.put("caching-mode", i.cachingMode());
                    if (i.eim() != null) {
                        b.put("eim", i.eim() ? "on" : "off");
                    }
                    b.put("device-iotlb", i.iotlb());
                    b.put("aw-bits", i.awBits());
                }
                case "virtio" -> {
                    b.put("driver", "virtio-iommu-pci").put("id", id);
                    DeviceAddresses.pci(b, i.address(), def.os().machine());
                }
                default -> throw new IllegalStateException("iommu model " + i.model() + " reached the argv builder");
            }
            a.json("-device", b.build());
        }
    }

    static void rngs(Argv a, DomainDef def) {
        for (RngDef r : def.devices().of(RngDef.class)) {
            String obj = "obj" + r.alias();
            switch (r.backendModel()) {
                case "random" -> a.json("-object", JsonProps.builder().put("qom-type", "rng-random").put("id", obj)
                        .put("filename", r.randomPath() != null ? r.randomPath() : "/dev/urandom").build());
                case "builtin" -> a.json("-object", JsonProps.builder().put("qom-type", "rng-builtin")
                        .put("id", obj).build());
                case "egd" -> {
                    var s = r.egdSource();
                    String chr = "char" + r.alias();
                    var c = new io.jvirt.conf.device.ChrDef(io.jvirt.conf.device.ChrDef.Kind.CHANNEL, s.type(),
                            s.path(), s.mode(), s.host(), s.service(), null, null, null, null, null, null);
                    a.keyValue("-chardev", ChrCommandLine.backend(c, chr), "backend");
                    a.json("-object", JsonProps.builder().put("qom-type", "rng-egd").put("id", obj)
                            .put("chardev", chr).build());
                }
                default -> throw new IllegalStateException("rng backend " + r.backendModel()
                        + " reached the argv builder");
            }
            JsonProps.Builder b = JsonProps.builder().put("driver", switch (r.model()) {
                case "virtio-transitional" -> "virtio-rng-pci-transitional";
                case "virtio-non-transitional" -> "virtio-rng-pci-non-transitional";
                default -> "virtio-rng-pci";
            }).put("rng", obj).put("id", r.alias());
            if (r.rateBytes() != null) {
                b.put("max-bytes", r.rateBytes());
                b.put("period", r.ratePeriod() != null ? r.ratePeriod() : 1000);
            }
            DeviceAddresses.pci(b, r.address(), def.os().machine());
            a.json("-device", b.build());
        }
    }

    static void vsocks(Argv a, DomainDef def) {
        for (VsockDef v : def.devices().of(VsockDef.class)) {
            if (v.cidAddress() == null) {
                throw new IllegalStateException("no vsock guest CID allocated");
            }
            JsonProps.Builder b = JsonProps.builder().put("driver", switch (v.model() == null ? "virtio" : v.model()) {
                case "virtio-transitional" -> "vhost-vsock-pci";
                case "virtio-non-transitional" -> "vhost-vsock-pci-non-transitional";
                default -> "vhost-vsock-pci";
            }).put("id", v.alias()).put("guest-cid", v.cidAddress());
            DeviceAddresses.pci(b, v.address(), def.os().machine());
            a.json("-device", b.build());
        }
    }
}
