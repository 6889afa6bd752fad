package io.jvirt.qemu.caps;

import io.jvirt.NodeInfo;
import io.jvirt.qemu.host.HostTopology;

import java.util.List;

import static io.jvirt.qemu.host.XmlText.escape;

/**
 * virConnectGetCapabilities: the host (architecture, CPU topology, NUMA cells) and one
 * {@code <guest>} per probed emulator with its machine types and the domain types it can run:
 * {@code qemu} always, {@code kvm} only when {@link KvmCheck} saw a KVM vCPU run.
 */
public final class CapabilitiesXml {
    private CapabilitiesXml() {
    }

    public static String format(String hostUuid, String hostArch, NodeInfo node, HostTopology topo,
                                boolean iommu, List<QemuCaps> emulators) {
        StringBuilder sb = new StringBuilder("<capabilities>\n\n  <host>\n");
        if (hostUuid != null) {
            sb.append("    <uuid>").append(hostUuid).append("</uuid>\n");
        }
        sb.append("    <cpu>\n      <arch>").append(escape(hostArch)).append("</arch>\n");
        sb.append("      <topology sockets='").append(node.sockets()).append("' dies='1' cores='").append(node.cores())
                .append("' threads='").append(node.threads()).append("'/>\n    </cpu>\n");
        sb.append("    <power_management/>\n");
        sb.append("    <iommu support='").append(iommu ? "yes" : "no").append("'/>\n");
        sb.append("    <topology>\n      <cells num='").append(topo.cells().size()).append("'>\n");
        for (HostTopology.Cell c : topo.cells()) {
            sb.append("        <cell id='").append(c.id()).append("'>\n");
            sb.append("          <memory unit='KiB'>").append(c.memoryKiB()).append("</memory>\n");
            sb.append("          <cpus num='").append(c.cpus().size()).append("'>\n");
            for (HostTopology.Cpu cpu : c.cpus()) {
                sb.append("            <cpu id='").append(cpu.id()).append("' socket_id='").append(cpu.socketId())
                        .append("' die_id='").append(cpu.dieId()).append("' core_id='").append(cpu.coreId())
                        .append("' siblings='").append(escape(cpu.siblings())).append("'/>\n");
            }
            sb.append("          </cpus>\n        </cell>\n");
        }
        sb.append("      </cells>\n    </topology>\n");
        sb.append("    <secmodel>\n      <model>none</model>\n      <doi>0</doi>\n    </secmodel>\n");
        sb.append("  </host>\n\n");
        for (QemuCaps q : emulators) {
            guest(sb, q);
        }
        return sb.append("</capabilities>\n").toString();
    }

    private static void guest(StringBuilder sb, QemuCaps q) {
        sb.append("  <guest>\n    <os_type>hvm</os_type>\n");
        sb.append("    <arch name='").append(escape(q.arch())).append("'>\n");
        sb.append("      <wordsize>").append(wordsize(q.arch())).append("</wordsize>\n");
        sb.append("      <emulator>").append(escape(q.binary())).append("</emulator>\n");
        for (QemuCaps.Machine m : q.machines()) {
            sb.append("      <machine maxCpus='").append(m.maxCpus()).append("'>").append(escape(m.name()))
                    .append("</machine>\n");
            if (m.alias() != null) {
                sb.append("      <machine canonical='").append(escape(m.name())).append("' maxCpus='")
                        .append(m.maxCpus()).append("'>").append(escape(m.alias())).append("</machine>\n");
            }
        }
        sb.append("      <domain type='qemu'/>\n");
        if (q.kvmUsable()) {
            sb.append("      <domain type='kvm'/>\n");
        }
        sb.append("    </arch>\n    <features>\n");
        if (q.arch().equals("i686")) {
            sb.append("      <pae/>\n      <nonpae/>\n");
        }
        if (q.arch().equals("i686") || q.arch().equals("x86_64")) {
            sb.append("      <acpi default='on' toggle='yes'/>\n      <apic default='on' toggle='no'/>\n");
        }
        sb.append("      <deviceboot/>\n    </features>\n  </guest>\n\n");
    }

    static int wordsize(String arch) {
        return switch (arch) {
            case "x86_64", "aarch64", "ppc64", "ppc64le", "riscv64", "s390x", "mips64", "mips64el", "sparc64",
                 "loongarch64", "alpha" -> 64;
            default -> 32;
        };
    }
}
