package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.ControllerDef;

import java.util.Comparator;

/**
 * SCSI host adapters: virtio-scsi (with its queues), LSI 53c895a (libvirt's 'lsilogic', its
 * default model on x86) and LSI SAS1068 ('lsisas1068'). SCSI disks hang off {@code scsiN.0}.
 */
public final class ScsiControllerCommandLine {
    private ScsiControllerCommandLine() {
    }

    /** Whether the builder knows the controller's model. */
    public static boolean builds(ControllerDef c) {
        if (!c.type().equals("scsi") || c.index() == null) {
            return false;
        }
        String model = c.model() == null ? "lsilogic" : c.model();
        return switch (model) {
            case "virtio-scsi" -> true;
            case "lsilogic", "lsisas1068" -> c.driverQueues() == null && c.driverIothread() == null;
            default -> false;
        };
    }

    static void build(Argv a, DomainDef def) {
        def.devices().controllers().stream().filter(c -> c.type().equals("scsi") && c.index() != null)
                .sorted(Comparator.comparingInt(ControllerDef::index))
                .forEach(c -> {
                    JsonProps.Builder b = JsonProps.builder();
                    String model = c.model() == null ? "lsilogic" : c.model();
                    b.put("driver", switch (model) {
                        case "virtio-scsi" -> "virtio-scsi-pci";
                        case "lsilogic" -> "lsi";
                        case "lsisas1068" -> "mptsas1068";
                        default -> throw new IllegalStateException("scsi model " + model + " reached the argv builder");
                    });
                    if (c.driverIothread() != null) {
                        b.put("iothread", IothreadCommandLine.id(c.driverIothread()));
                    }
                    if (model.equals("virtio-scsi") && c.driverQueues() != null) {
                        b.put("num_queues", c.driverQueues());
                    }
                    b.put("id", c.alias() == null ? "scsi" + c.index() : c.alias());
                    DeviceAddresses.pci(b, c.address(), def.os().machine());
                    a.json("-device", b.build());
                });
    }
}
