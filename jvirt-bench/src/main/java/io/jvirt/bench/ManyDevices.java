package io.jvirt.bench;

/**
 * A domain with many devices: disks and NICs with explicit PCI addresses spread over PCI bridges
 * (bus 0 has only 32 slots; the bridges themselves are placed by post-parse), USB tablets and
 * virtio channels.
 */
final class ManyDevices {
    private ManyDevices() {
    }

    static String xml(int devices) {
        StringBuilder sb = new StringBuilder("""
                <domain type='kvm'>
                  <name>many</name>
                  <memory unit='GiB'>8</memory>
                  <vcpu>8</vcpu>
                  <os>
                    <type arch='x86_64' machine='pc'>hvm</type>
                  </os>
                  <features>
                    <acpi/>
                    <apic/>
                  </features>
                  <devices>
                """);
        int disks = devices * 6 / 10;
        int nics = devices * 2 / 10;
        int inputs = devices / 10;
        int channels = devices - disks - nics - inputs;
        int slot = 0;
        int buses = (disks + nics + 31) / 32;
        for (int b = 1; b <= buses; b++) {
            sb.append("    <controller type='pci' index='").append(b).append("' model='pci-bridge'/>\n");
        }
        for (int i = 0; i < disks; i++, slot++) {
            sb.append("    <disk type='file' device='disk'>\n")
                    .append("      <driver name='qemu' type='qcow2' cache='none'/>\n")
                    .append("      <source file='/var/lib/images/disk").append(i).append(".qcow2'/>\n")
                    .append("      <target dev='vd").append(diskSuffix(i)).append("' bus='virtio'/>\n")
                    .append(address(slot)).append("    </disk>\n");
        }
        for (int i = 0; i < nics; i++, slot++) {
            sb.append("    <interface type='network'>\n      <mac address='52:54:00:")
                    .append(String.format("%02x:%02x:%02x", (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff))
                    .append("'/>\n      <source network='net").append(i % 7).append("'/>\n")
                    .append("      <model type='virtio'/>\n").append(address(slot)).append("    </interface>\n");
        }
        for (int i = 0; i < inputs; i++) {
            sb.append("    <input type='tablet' bus='usb'/>\n");
        }
        for (int i = 0; i < channels; i++) {
            sb.append("    <channel type='unix'>\n      <source mode='bind' path='/run/ch").append(i)
                    .append(".sock'/>\n      <target type='virtio' name='org.example.").append(i).append("'/>\n")
                    .append("    </channel>\n");
        }
        return sb.append("  </devices>\n</domain>\n").toString();
    }

    private static String address(int n) {
        return String.format("      <address type='pci' domain='0x0000' bus='0x%02x' slot='0x%02x' function='0x0'/>%n",
                1 + n / 32, n % 32);
    }

    private static String diskSuffix(int i) {
        StringBuilder s = new StringBuilder();
        int n = i;
        do {
            s.insert(0, (char) ('a' + n % 26));
            n = n / 26 - 1;
        } while (n >= 0);
        return s.toString();
    }
}
