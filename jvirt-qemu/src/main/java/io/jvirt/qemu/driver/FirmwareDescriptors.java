package io.jvirt.qemu.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * QEMU's firmware descriptors ({@code docs/interop/firmware.json}): JSON files in
 * {@code /usr/share/qemu/firmware}, {@code /etc/qemu/firmware} and the user's
 * {@code $XDG_CONFIG_HOME/qemu/firmware}; a file in a later directory hides one of the same name
 * in an earlier one, and the survivors are tried in file name order (the numeric prefix is the
 * priority). Unreadable or malformed files are skipped, as libvirt does.
 */
final class FirmwareDescriptors {
    private static final System.Logger LOG = System.getLogger(FirmwareDescriptors.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private FirmwareDescriptors() {
    }

    /** One descriptor: its interfaces, mapping, targets and features. */
    record Descriptor(Path file, List<String> interfaces, String device, String executable, String format,
                      String nvramTemplate, List<Target> targets, Set<String> features) {
        boolean matches(String arch, String machine) {
            for (Target t : targets) {
                if (t.architecture().equals(arch)) {
                    for (String glob : t.machines()) {
                        if (FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(Path.of(machine))) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }

    record Target(String architecture, List<String> machines) {
    }

    /**
     * The firmware domcapabilities reports for {@code machine}: "efi" and/or "bios" when a
     * descriptor of that interface fits the architecture and machine, the loader images of the
     * fitting UEFI descriptors in priority order, secure boot when one of them requires SMM, and
     * whether swtpm is installed.
     */
    static io.jvirt.qemu.caps.HostFirmware hostFirmware(String arch, String machine) {
        List<String> firmwares = new ArrayList<>();
        List<String> loaders = new ArrayList<>();
        boolean secure = false;
        for (Descriptor d : load(searchDirs())) {
            if (!d.matches(arch, machine) || !d.format().equals("raw")) {
                continue;
            }
            for (String iface : d.interfaces()) {
                String fw = iface.equals("uefi") ? "efi" : iface.equals("bios") ? "bios" : null;
                if (fw != null && !firmwares.contains(fw)) {
                    firmwares.add(fw);
                }
            }
            if (d.interfaces().contains("uefi") && !loaders.contains(d.executable())) {
                loaders.add(d.executable());
                secure |= d.features().contains("requires-smm");
            }
        }
        firmwares.sort(java.util.Comparator.naturalOrder()); // bios before efi, as libvirt lists them
        boolean swtpm = java.nio.file.Files.isExecutable(Path.of("/usr/bin/swtpm"));
        return new io.jvirt.qemu.caps.HostFirmware(firmwares, loaders, secure, swtpm);
    }

    static List<Path> searchDirs() {
        List<Path> dirs = new ArrayList<>(List.of(Path.of("/usr/share/qemu/firmware"), Path.of("/etc/qemu/firmware")));
        String xdg = System.getenv("XDG_CONFIG_HOME");
        String home = System.getProperty("user.home");
        if (xdg != null && !xdg.isEmpty()) {
            dirs.add(Path.of(xdg, "qemu/firmware"));
        } else if (home != null) {
            dirs.add(Path.of(home, ".config/qemu/firmware"));
        }
        return dirs;
    }

    /** Every readable descriptor, in priority order. */
    static List<Descriptor> load(List<Path> dirs) {
        TreeMap<String, Path> byName = new TreeMap<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().endsWith(".json")).forEach(p -> byName.put(
                        p.getFileName().toString(), p));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot list {0}: {1}", dir, e.getMessage());
            }
        }
        List<Descriptor> out = new ArrayList<>();
        for (Path p : byName.values()) {
            try {
                if (Files.size(p) == 0) {
                    continue; // an empty file masks a descriptor of the same name
                }
                out.add(parse(p, JSON.readTree(p.toFile())));
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "skipping firmware descriptor {0}: {1}", p, e.getMessage());
            }
        }
        return out;
    }

    static Descriptor parse(Path file, JsonNode n) {
        List<String> interfaces = new ArrayList<>();
        n.path("interface-types").forEach(x -> interfaces.add(x.asText()));
        JsonNode mapping = n.path("mapping");
        String device = mapping.path("device").asText("");
        String executable = null;
        String format = "raw";
        String template = null;
        if (device.equals("flash")) {
            executable = mapping.path("executable").path("filename").asText(null);
            format = mapping.path("executable").path("format").asText("raw");
            template = mapping.path("nvram-template").path("filename").asText(null);
        } else if (device.equals("memory")) {
            executable = mapping.path("filename").asText(null);
        }
        List<Target> targets = new ArrayList<>();
        for (JsonNode t : n.path("targets")) {
            List<String> machines = new ArrayList<>();
            t.path("machines").forEach(m -> machines.add(m.asText()));
            targets.add(new Target(t.path("architecture").asText(""), List.copyOf(machines)));
        }
        List<String> features = new ArrayList<>();
        n.path("features").forEach(f -> features.add(f.asText()));
        if (executable == null) {
            throw new IllegalArgumentException("no executable in its mapping");
        }
        return new Descriptor(file, List.copyOf(interfaces), device, executable, format, template,
                List.copyOf(targets), Set.copyOf(features));
    }
}
