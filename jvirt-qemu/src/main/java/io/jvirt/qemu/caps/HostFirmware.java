package io.jvirt.qemu.caps;

import java.util.List;

/**
 * What the host offers a domain beyond the QEMU binary, for domcapabilities: the firmware
 * interfaces ({@code efi}, {@code bios}) and loader images its firmware descriptors provide for one
 * machine type, and whether swtpm is installed to back emulated TPMs.
 *
 * @param firmwares   {@code <os firmware>} values autoselection can satisfy
 * @param loaders     loader images for the machine, in descriptor priority order
 * @param secureBoot  whether a loader can be secure (needs SMM, a q35 machine)
 * @param swtpm       whether the TPM emulator backend can run
 */
public record HostFirmware(List<String> firmwares, List<String> loaders, boolean secureBoot, boolean swtpm) {
    public HostFirmware {
        firmwares = List.copyOf(firmwares);
        loaders = List.copyOf(loaders);
    }

    /** A host without firmware descriptors or swtpm. */
    public static final HostFirmware NONE = new HostFirmware(List.of(), List.of(), false, false);
}
