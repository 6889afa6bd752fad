package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;

/** {@code <pm>}: S3/S4 on the machine's power management device (PIIX4_PM or ICH9-LPC). */
final class PmCommandLine {
    private PmCommandLine() {
    }

    static void build(Argv a, DomainDef def) {
        var l = def.lifecycle();
        String dev = def.os().machine().contains("q35") ? "ICH9-LPC" : "PIIX4_PM";
        if (l.suspendToMem() != null) {
            a.add("-global", dev + ".disable_s3=" + (l.suspendToMem() ? 0 : 1));
        }
        if (l.suspendToDisk() != null) {
            a.add("-global", dev + ".disable_s4=" + (l.suspendToDisk() ? 0 : 1));
        }
    }
}
