package io.jvirt.qemu.driver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The PCI part of sysfs, under a root given at construction ({@code /sys} in production, a
 * directory tree of the same shape in tests). It only reads links and files and writes the
 * kernel's control files ({@code driver_override}, {@code driver/unbind}, {@code drivers_probe},
 * {@code drivers/NAME/bind}); what the kernel does in reply is read back by the caller.
 *
 * <p>Writes go through a {@link Writer}: {@link #FILES} writes the file (as {@code echo VALUE >
 * FILE} does, without creating or truncating it); a test supplies one that also plays the kernel.
 * Thread-safe (no state of its own).
 */
final class PciSysfs {
    /** One write of a value to a sysfs control file. */
    @FunctionalInterface
    interface Writer {
        void write(Path file, String value) throws IOException;
    }

    static final Writer FILES = (file, value) -> Files.writeString(file, value, StandardCharsets.UTF_8,
            StandardOpenOption.WRITE);

    /** The stub driver QEMU assigns PCI devices through. */
    static final String VFIO_PCI = "vfio-pci";

    private final Path root;
    private final Writer writer;

    PciSysfs(Path root, Writer writer) {
        this.root = root;
        this.writer = writer;
    }

    Path root() {
        return root;
    }

    /** {@code ROOT/bus/pci/devices/ADDR}. */
    Path device(String addr) {
        return root.resolve("bus/pci/devices").resolve(addr);
    }

    /** {@code ROOT/bus/pci/drivers/NAME}. */
    Path driverDir(String name) {
        return root.resolve("bus/pci/drivers").resolve(name);
    }

    /** Whether the device exists (its {@code config} file, as libvirt checks it). */
    boolean exists(String addr) {
        return Files.exists(device(addr).resolve("config"));
    }

    /** Whether a PCI driver of that name is registered (its directory under bus/pci/drivers). */
    boolean driverLoaded(String name) {
        return Files.isDirectory(driverDir(name));
    }

    /** The driver the device is bound to: the name its {@code driver} link points to. */
    Optional<String> driver(String addr) {
        return linkName(device(addr).resolve("driver"));
    }

    /** The device's IOMMU group number: the name its {@code iommu_group} link points to. */
    Optional<String> iommuGroup(String addr) {
        return linkName(device(addr).resolve("iommu_group"));
    }

    /** The devices of the device's IOMMU group ({@code iommu_group/devices/*}), itself included; empty without a group. */
    List<String> groupMembers(String addr) {
        return names(device(addr).resolve("iommu_group/devices"));
    }

    /** The sorted names in a directory; empty when it is absent or unreadable. */
    static List<String> names(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Whether the host has an IOMMU: IOMMU groups exist, or VFIO runs in its unsafe no-IOMMU mode. */
    boolean hasIommu() {
        Path groups = root.resolve("kernel/iommu_groups");
        if (Files.isDirectory(groups)) {
            try (Stream<Path> s = Files.list(groups)) {
                if (s.findAny().isPresent()) {
                    return true;
                }
            } catch (IOException e) {
                // unreadable: as if absent
            }
        }
        try {
            return Files.readString(root.resolve("module/vfio/parameters/enable_unsafe_noiommu_mode")).strip()
                    .equals("Y");
        } catch (IOException e) {
            return false;
        }
    }

    /** The device's {@code driver_override}, or empty when none is set ("(null)"). */
    Optional<String> driverOverride(String addr) {
        try {
            String v = Files.readString(device(addr).resolve("driver_override")).strip();
            return v.isEmpty() || v.equals("(null)") ? Optional.empty() : Optional.of(v);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Writes {@code value} to the device's {@code driver_override} ("\n" clears it). */
    void writeDriverOverride(String addr, String value) throws IOException {
        writer.write(device(addr).resolve("driver_override"), value);
    }

    /** Unbinds the device from its driver ({@code driver/unbind}); nothing when it has none. */
    void unbind(String addr) throws IOException {
        if (driver(addr).isPresent()) {
            writer.write(device(addr).resolve("driver/unbind"), addr);
        }
    }

    /** Asks the kernel to probe a driver for the device ({@code bus/pci/drivers_probe}). */
    void probe(String addr) throws IOException {
        writer.write(root.resolve("bus/pci/drivers_probe"), addr);
    }

    /** Binds the device to driver {@code name} ({@code drivers/NAME/bind}). */
    void bind(String addr, String name) throws IOException {
        writer.write(driverDir(name).resolve("bind"), addr);
    }

    /** Every PCI device's address ({@code bus/pci/devices/*}), sorted; empty without a PCI bus. */
    List<String> devices() {
        return names(root.resolve("bus/pci/devices"));
    }

    /** A file of the device ({@code vendor}, {@code class}...), stripped; empty when absent or unreadable. */
    Optional<String> attribute(String addr, String file) {
        try {
            return Optional.of(Files.readString(device(addr).resolve(file)).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The device's directory under {@code devices/}, its link resolved (it shows the bridges above it). */
    Path realPath(String addr) {
        try {
            return device(addr).toRealPath();
        } catch (IOException e) {
            return device(addr);
        }
    }

    /** Whether the kernel can reset the device (it has a {@code reset} file: FLR, PM or bus reset). */
    boolean resettable(String addr) {
        return Files.exists(device(addr).resolve("reset"));
    }

    /** Resets the device through the kernel ({@code reset}). */
    void reset(String addr) throws IOException {
        writer.write(device(addr).resolve("reset"), "1");
    }

    private static Optional<String> linkName(Path link) {
        try {
            return Files.isSymbolicLink(link) ? Optional.of(Files.readSymbolicLink(link).getFileName().toString())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
