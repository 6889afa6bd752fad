package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.ShmemDef;

/**
 * {@code <shmem>} as libvirt 9.0 builds it for QEMU 7.2: {@code ivshmem-plain} maps a shared
 * {@code memory-backend-file} on {@code /dev/shm/NAME} (4 MiB unless a size is given);
 * {@code ivshmem-doorbell} talks to an ivshmem server through {@code -chardev socket} (the server
 * owns the memory), with its MSI vectors and ioeventfd. The legacy {@code ivshmem} device is gone
 * from QEMU 7.2; the validator refuses it.
 */
final class ShmemCommandLine {
    static final long DEFAULT_SIZE = 4L << 20;

    private ShmemCommandLine() {
    }

    static void build(Argv a, DomainDef def) {
        for (ShmemDef s : def.devices().of(ShmemDef.class)) {
            JsonProps.Builder b = JsonProps.builder();
            switch (s.model()) {
                case "ivshmem-plain" -> {
                    String mem = "shmmem-" + s.alias();
                    a.json("-object", JsonProps.builder().put("qom-type", "memory-backend-file").put("id", mem)
                            .put("mem-path", "/dev/shm/" + s.name())
                            .put("size", s.size() != null ? s.size().bytes() : DEFAULT_SIZE).put("share", true).build());
                    b.put("driver", "ivshmem-plain").put("id", s.alias()).put("memdev", mem);
                }
                case "ivshmem-doorbell" -> {
                    String chr = "char" + s.alias();
                    a.keyValue("-chardev", JsonProps.builder().put("backend", "socket").put("id", chr)
                            .put("path", s.serverPath()).build(), "backend");
                    b.put("driver", "ivshmem-doorbell").put("id", s.alias()).put("chardev", chr);
                    if (s.ioeventfd() != null) {
                        b.put("ioeventfd", s.ioeventfd());
                    }
                    if (s.vectors() != null) {
                        b.put("vectors", s.vectors());
                    }
                }
                default -> throw new IllegalStateException("shmem model " + s.model() + " reached the argv builder");
            }
            DeviceAddresses.pci(b, s.address(), def.os().machine());
            a.json("-device", b.build());
        }
    }
}
