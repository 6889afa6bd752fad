package io.jvirt.qemu.caps;

import java.util.ArrayList;
import java.util.List;

import static io.jvirt.qemu.host.XmlText.escape;

/**
 * virConnectGetDomainCapabilities: what a domain of one virt type, emulator, architecture and
 * machine can use. It reports what jvirt's driver can run with this QEMU: the device enums are
 * the values the driver supports, kept only where the probed binary has the QEMU device they
 * need; the firmware and TPM backends come from the host ({@link HostFirmware}); what the driver
 * does not implement yet (host devices) is {@code supported='no'}.
 */
public final class DomainCapsXml {
    private DomainCapsXml() {
    }

    public static String format(QemuCaps q, QemuCaps.Machine machine, String virtType) {
        return format(q, machine, virtType, HostFirmware.NONE);
    }

    public static String format(QemuCaps q, QemuCaps.Machine machine, String virtType, HostFirmware host) {
        boolean kvm = virtType.equals("kvm");
        StringBuilder sb = new StringBuilder("<domainCapabilities>\n");
        sb.append("  <path>").append(escape(q.binary())).append("</path>\n");
        sb.append("  <domain>").append(escape(virtType)).append("</domain>\n");
        sb.append("  <machine>").append(escape(machine.name())).append("</machine>\n");
        sb.append("  <arch>").append(escape(q.arch())).append("</arch>\n");
        sb.append("  <vcpu max='").append(machine.maxCpus()).append("'/>\n");
        sb.append("  <iothreads supported='no'/>\n");
        os(sb, host);
        sb.append("  <cpu>\n");
        sb.append("    <mode name='host-passthrough' supported='").append(kvm ? "yes" : "no").append("'/>\n");
        sb.append("    <mode name='maximum' supported='yes'/>\n");
        hostModel(sb, q.hostCpu());
        sb.append("    <mode name='custom' supported='").append(q.cpuModels().isEmpty() ? "no" : "yes").append("'>\n");
        for (QemuCaps.CpuModel m : q.cpuModels()) {
            // usability was probed under TCG; under KVM it depends on the host CPU: unknown
            String usable = kvm ? "unknown" : m.usable() ? "yes" : "no";
            sb.append("      <model usable='").append(usable).append("'")
                    .append(m.deprecated() ? " deprecated='yes'" : "").append(" vendor='unknown'>")
                    .append(escape(m.name())).append("</model>\n");
        }
        sb.append("    </mode>\n  </cpu>\n");
        sb.append("  <devices>\n");
        device(sb, "disk", enums("diskDevice", values(q, "disk", "", "cdrom", "", "floppy", "isa-fdc"),
                "bus", values(q, "ide", "ide-hd", "fdc", "isa-fdc", "scsi", "scsi-hd", "virtio", "virtio-blk-pci",
                        "usb", "usb-storage", "sata", "ich9-ahci"),
                "model", values(q, "virtio", "virtio-blk-pci")));
        device(sb, "graphics", enums("type", values(q, "vnc", "", "spice", "qxl-vga")));
        device(sb, "video", enums("modelType", values(q, "vga", "VGA", "cirrus", "cirrus-vga", "vmvga", "vmware-svga",
                "qxl", "qxl-vga", "virtio", "virtio-vga", "bochs", "bochs-display", "ramfb", "ramfb", "none", "")));
        sb.append("    <hostdev supported='no'/>\n");
        List<String> tpmModels = values(q, "tpm-tis", "tpm-tis", "tpm-crb", "tpm-crb");
        if (tpmModels.isEmpty()) {
            sb.append("    <tpm supported='no'/>\n");
        } else {
            device(sb, "tpm", enums("model", tpmModels,
                    "backendModel", host.swtpm() ? List.of("passthrough", "emulator") : List.of("passthrough"),
                    "backendVersion", List.of("1.2", "2.0")));
        }
        sb.append("  </devices>\n");
        sb.append("  <features>\n");
        for (String f : List.of("gic", "vmcoreinfo", "genid", "sev")) {
            sb.append("    <").append(f).append(" supported='no'/>\n");
        }
        sb.append("  </features>\n");
        return sb.append("</domainCapabilities>\n").toString();
    }

    /** {@code <os>}: firmware autoselection values and the loader (jvirt runs ROM and pflash loaders). */
    private static void os(StringBuilder sb, HostFirmware host) {
        sb.append("  <os supported='yes'>\n");
        sb.append(enums("firmware", host.firmwares()).replace("      <", "    <").replace("        <value", "      <value"));
        sb.append("    <loader supported='yes'>\n");
        host.loaders().forEach(l -> sb.append("      <value>").append(escape(l)).append("</value>\n"));
        sb.append(enums("type", List.of("rom", "pflash"), "readonly", List.of("yes", "no"),
                "secure", host.secureBoot() ? List.of("yes", "no") : List.of("no")));
        sb.append("    </loader>\n  </os>\n");
    }

    private static void hostModel(StringBuilder sb, HostCpuModel h) {
        if (h == null) {
            sb.append("    <mode name='host-model' supported='no'/>\n");
            return;
        }
        sb.append("    <mode name='host-model' supported='yes'>\n");
        sb.append("      <model fallback='forbid'>").append(escape(h.model())).append("</model>\n");
        if (h.vendor() != null) {
            sb.append("      <vendor>").append(escape(h.vendor())).append("</vendor>\n");
        }
        h.require().forEach(f -> sb.append("      <feature policy='require' name='").append(escape(f)).append("'/>\n"));
        h.disable().forEach(f -> sb.append("      <feature policy='disable' name='").append(escape(f)).append("'/>\n"));
        sb.append("    </mode>\n");
    }

    /** Pairs of (value, QEMU device type needed or "" for none): the values whose device exists. */
    private static List<String> values(QemuCaps q, String... pairs) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1].isEmpty() || q.hasDevice(pairs[i + 1])) {
                out.add(pairs[i]);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static String enums(Object... nameValues) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            List<String> vals = (List<String>) nameValues[i + 1];
            if (vals.isEmpty()) {
                sb.append("      <enum name='").append(nameValues[i]).append("'/>\n");
                continue;
            }
            sb.append("      <enum name='").append(nameValues[i]).append("'>\n");
            for (String v : vals) {
                sb.append("        <value>").append(escape(v)).append("</value>\n");
            }
            sb.append("      </enum>\n");
        }
        return sb.toString();
    }

    private static void device(StringBuilder sb, String name, String enums) {
        sb.append("    <").append(name).append(" supported='yes'>\n").append(enums).append("    </").append(name)
                .append(">\n");
    }
}
