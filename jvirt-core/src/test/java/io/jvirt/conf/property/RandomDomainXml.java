package io.jvirt.conf.property;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes random, well-formed domain documents from the parts the codec understands, in random
 * element order and with random optional parts, so the round-trip property sees shapes no
 * golden file spells out. Deterministic for a seed.
 */
final class RandomDomainXml {
    private final Random r;
    private final StringBuilder sb = new StringBuilder();

    RandomDomainXml(long seed) {
        this.r = new Random(seed);
    }

    String generate() {
        int vcpus = 1 + r.nextInt(8);
        List<String> top = new ArrayList<>();
        top.add(el("name", "vm-" + Long.toHexString(r.nextLong() & 0xffffff)));
        if (r.nextBoolean()) {
            top.add(el("uuid", new java.util.UUID(r.nextLong(), r.nextLong()).toString()));
        }
        if (r.nextBoolean()) {
            top.add(el("title", text(false)));
        }
        if (r.nextBoolean()) {
            top.add(el("description", text(true)));
        }
        if (r.nextInt(3) == 0) {
            top.add("<metadata><m:x xmlns:m='urn:m" + r.nextInt(9) + "' a='" + esc(text(false)) + "'>"
                    + esc(text(false)) + "</m:x></metadata>");
        }
        String[] units = {"KiB", "k", "MiB", "M", "GiB", "G"};
        String unit = pick(units);
        long mem = 1 + r.nextInt(unit.startsWith("G") ? 8 : 4096);
        top.add("<memory unit='" + unit + "'>" + mem + "</memory>");
        if (r.nextBoolean()) {
            top.add("<currentMemory unit='" + unit + "'>" + (1 + r.nextInt((int) mem)) + "</currentMemory>");
        }
        if (r.nextInt(3) == 0) {
            top.add("<memoryBacking>" + (r.nextBoolean() ? "<hugepages/>" : "") + (r.nextBoolean() ? "<locked/>" : "")
                    + (r.nextBoolean() ? "<access mode='" + pick("shared", "private") + "'/>" : "")
                    + "</memoryBacking>");
        }
        top.add("<vcpu" + (r.nextBoolean() ? " current='" + (1 + r.nextInt(vcpus)) + "'" : "") + ">" + vcpus + "</vcpu>");
        if (r.nextInt(3) == 0) {
            top.add("<cputune>" + (r.nextBoolean() ? "<shares>" + (2 + r.nextInt(5000)) + "</shares>" : "")
                    + "<vcpupin vcpu='0' cpuset='" + r.nextInt(4) + "'/></cputune>");
        }
        if (r.nextInt(4) == 0) {
            top.add("<memtune><hard_limit unit='MiB'>" + (1 + r.nextInt(9000)) + "</hard_limit></memtune>");
        }
        top.add(os());
        if (r.nextInt(4) == 0) {
            top.add("<sysinfo type='smbios'><system><entry name='manufacturer'>" + esc(text(false))
                    + "</entry></system><oemStrings><entry>" + esc(text(false)) + "</entry></oemStrings></sysinfo>");
        }
        top.add(features());
        if (r.nextBoolean()) {
            top.add(cpu(vcpus));
        }
        if (r.nextBoolean()) {
            top.add(clock());
        }
        for (String e : new String[] {"on_poweroff", "on_reboot", "on_crash"}) {
            if (r.nextBoolean()) {
                top.add(el(e, pick("destroy", "restart", "preserve", "rename-restart")));
            }
        }
        if (r.nextInt(3) == 0) {
            top.add("<pm><suspend-to-mem enabled='" + pick("yes", "no") + "'/></pm>");
        }
        top.add(devices());
        if (r.nextInt(4) == 0) {
            top.add("<seclabel type='" + pick("none", "dynamic") + "'/>");
        }
        java.util.Collections.shuffle(top, r);
        sb.append("<domain type='").append(pick("kvm", "qemu")).append("'>\n");
        top.forEach(t -> sb.append("  ").append(t).append('\n'));
        sb.append("</domain>\n");
        return sb.toString();
    }

    private String os() {
        StringBuilder o = new StringBuilder("<os><type arch='x86_64' machine='" + pick("pc", "q35") + "'>hvm</type>");
        int boots = r.nextInt(3);
        for (int i = 0; i < boots; i++) {
            o.append("<boot dev='").append(pick("hd", "cdrom", "network", "fd")).append("'/>");
        }
        if (r.nextBoolean()) {
            o.append("<bootmenu enable='").append(pick("yes", "no")).append("'/>");
        }
        if (r.nextInt(4) == 0) {
            o.append("<bios useserial='yes'/>");
        }
        return o.append("</os>").toString();
    }

    private String features() {
        StringBuilder f = new StringBuilder("<features>");
        for (String s : new String[] {"acpi", "apic", "pae"}) {
            if (r.nextBoolean()) {
                f.append('<').append(s).append("/>");
            }
        }
        for (String s : new String[] {"vmport", "pmu", "hap", "smm"}) {
            if (r.nextBoolean()) {
                f.append('<').append(s).append(" state='").append(pick("on", "off")).append("'/>");
            }
        }
        if (r.nextBoolean()) {
            f.append("<hyperv>");
            for (String s : new String[] {"relaxed", "vapic", "vpindex", "synic"}) {
                if (r.nextBoolean()) {
                    f.append('<').append(s).append(" state='").append(pick("on", "off")).append("'/>");
                }
            }
            if (r.nextBoolean()) {
                f.append("<spinlocks state='on' retries='").append(4096 + r.nextInt(9000)).append("'/>");
            }
            f.append("</hyperv>");
        }
        if (r.nextBoolean()) {
            f.append("<ioapic driver='").append(pick("kvm", "qemu")).append("'/>");
        }
        return f.append("</features>").toString();
    }

    private String cpu(int vcpus) {
        String mode = pick("host-passthrough", "host-model", "custom", "maximum");
        StringBuilder c = new StringBuilder("<cpu mode='" + mode + "'>");
        if (mode.equals("custom")) {
            c.append("<model fallback='").append(pick("allow", "forbid")).append("'>")
                    .append(pick("qemu64", "Haswell", "EPYC")).append("</model>");
        }
        if (r.nextBoolean()) {
            c.append("<topology sockets='").append(vcpus).append("' cores='1' threads='1'/>");
        }
        int n = r.nextInt(3);
        for (int i = 0; i < n; i++) {
            c.append("<feature policy='").append(pick("require", "disable", "optional")).append("' name='f")
                    .append(i).append("'/>");
        }
        return c.append("</cpu>").toString();
    }

    private String clock() {
        StringBuilder c = new StringBuilder("<clock offset='" + pick("utc", "localtime") + "'>");
        for (String t : new String[] {"rtc", "pit", "hpet", "kvmclock"}) {
            if (r.nextBoolean()) {
                c.append("<timer name='").append(t).append("'");
                if (r.nextBoolean()) {
                    c.append(" tickpolicy='").append(pick("delay", "catchup", "merge", "discard")).append("'");
                }
                if (r.nextBoolean()) {
                    c.append(" present='").append(pick("yes", "no")).append("'");
                }
                c.append("/>");
            }
        }
        return c.append("</clock>").toString();
    }

    private String devices() {
        List<String> devs = new ArrayList<>();
        int disks = r.nextInt(4);
        for (int i = 0; i < disks; i++) {
            String prefix = pick("vd", "sd", "hd");
            devs.add("<disk type='file' device='" + pick("disk", "cdrom") + "'>"
                    + (r.nextBoolean() ? "<driver name='qemu' type='" + pick("raw", "qcow2") + "'"
                    + (r.nextBoolean() ? " cache='" + pick("none", "writeback") + "'" : "")
                    + (r.nextBoolean() ? " discard='unmap'" : "") + "/>" : "")
                    + "<source file='/img/" + esc(text(false)).replace(' ', '_') + i + ".img'/>"
                    + (r.nextInt(3) == 0 ? "<backingStore type='file'><format type='qcow2'/><source file='/b" + i
                    + "'/>" + (r.nextBoolean() ? "<backingStore/>" : "") + "</backingStore>" : "")
                    + "<target dev='" + prefix + (char) ('a' + i) + "'/>"
                    + (r.nextBoolean() ? "<readonly/>" : "") + (r.nextBoolean() ? "<serial>S" + i + "</serial>" : "")
                    + "</disk>");
        }
        int nics = r.nextInt(3);
        for (int i = 0; i < nics; i++) {
            String type = pick("user", "network", "bridge");
            String src = switch (type) {
                case "network" -> "<source network='net" + i + "'/>";
                case "bridge" -> "<source bridge='br" + i + "'/>";
                default -> "";
            };
            devs.add("<interface type='" + type + "'>" + (r.nextBoolean()
                    ? "<mac address='52:54:00:00:00:" + String.format("%02x", i) + "'/>" : "") + src
                    + (r.nextBoolean() ? "<model type='" + pick("virtio", "e1000", "rtl8139") + "'/>" : "")
                    + (r.nextBoolean() ? "<link state='" + pick("up", "down") + "'/>" : "")
                    + (r.nextInt(3) == 0 ? "<bandwidth><outbound average='" + (1 + r.nextInt(999)) + "'/></bandwidth>" : "")
                    + (r.nextInt(3) == 0 ? "<rom bar='" + pick("on", "off") + "'/>" : "") + "</interface>");
        }
        if (r.nextBoolean()) {
            devs.add("<serial type='pty'><target port='0'/></serial>");
        }
        if (r.nextBoolean()) {
            devs.add("<console type='pty'><target type='serial' port='0'/></console>");
        }
        if (r.nextInt(4) == 0) {
            devs.add("<parallel type='pty'/>");
        }
        if (r.nextBoolean()) {
            devs.add("<controller type='usb' index='0' model='" + pick("qemu-xhci", "ich9-ehci1", "none") + "'/>");
        }
        if (r.nextBoolean()) {
            devs.add("<input type='" + pick("tablet", "keyboard", "mouse") + "' bus='" + pick("usb", "virtio") + "'/>");
        }
        if (r.nextBoolean()) {
            devs.add("<graphics type='" + pick("vnc", "spice") + "' port='-1' autoport='yes'/>");
        }
        if (r.nextBoolean()) {
            devs.add("<video><model type='" + pick("vga", "virtio", "qxl", "bochs") + "'/></video>");
        }
        if (r.nextBoolean()) {
            devs.add("<sound model='" + pick("ich6", "ich9", "ac97") + "'/>");
        }
        if (r.nextBoolean()) {
            devs.add("<watchdog model='i6300esb' action='" + pick("reset", "poweroff", "pause") + "'/>");
        }
        if (r.nextBoolean()) {
            devs.add("<rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>");
        }
        if (r.nextBoolean()) {
            devs.add("<memballoon model='virtio'>" + (r.nextBoolean() ? "<stats period='5'/>" : "")
                    + "</memballoon>");
        }
        if (r.nextBoolean()) {
            devs.add("<panic model='" + pick("isa", "hyperv") + "'/>");
        }
        if (r.nextBoolean()) {
            devs.add("<vsock model='virtio'><cid auto='yes'/></vsock>");
        }
        if (r.nextInt(3) == 0) {
            devs.add("<redirdev bus='usb' type='spicevmc'/>");
        }
        if (r.nextInt(3) == 0) {
            devs.add("<shmem name='s" + r.nextInt(9) + "'><model type='ivshmem-plain'/><size unit='M'>"
                    + (1 + r.nextInt(64)) + "</size></shmem>");
        }
        if (r.nextInt(3) == 0) {
            devs.add("<smartcard mode='passthrough' type='spicevmc'/>");
        }
        java.util.Collections.shuffle(devs, r);
        return "<devices>" + String.join("", devs) + "</devices>";
    }

    private String text(boolean multiline) {
        String alphabet = "abc XYZ 019 &<>'\"é";
        StringBuilder t = new StringBuilder();
        int n = 1 + r.nextInt(12);
        for (int i = 0; i < n; i++) {
            t.append(alphabet.charAt(r.nextInt(alphabet.length())));
            if (multiline && r.nextInt(8) == 0) {
                t.append('\n');
            }
        }
        return t.toString().strip().isEmpty() ? "x" : t.toString().strip();
    }

    private static String el(String name, String text) {
        return "<" + name + ">" + esc(text) + "</" + name + ">";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;")
                .replace("\"", "&quot;");
    }

    private String pick(String... options) {
        return options[r.nextInt(options.length)];
    }
}
