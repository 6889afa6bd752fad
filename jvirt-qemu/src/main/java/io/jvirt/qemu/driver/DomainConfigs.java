package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.xml.DomainXml;
import io.jvirt.qemu.paths.AtomicFiles;
import io.jvirt.qemu.paths.DriverPaths;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Persistent definitions on disk: {@code etc/qemu/NAME.xml}, written atomically, and autostart
 * links {@code etc/qemu/autostart/NAME.xml}.
 */
final class DomainConfigs {
    private static final System.Logger LOG = System.getLogger(DomainConfigs.class.getName());
    private final DriverPaths paths;

    DomainConfigs(DriverPaths paths) {
        this.paths = paths;
    }

    Path file(String name) {
        return paths.configDir().resolve(name + ".xml");
    }

    void save(DomainDef def) {
        AtomicFiles.write(file(def.name()), DomainXml.format(def));
    }

    void delete(String name) {
        AtomicFiles.delete(file(name));
        setAutostart(name, false);
    }

    boolean autostart(String name) {
        return Files.exists(paths.autostartDir().resolve(name + ".xml"), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    void setAutostart(String name, boolean on) {
        Path link = paths.autostartDir().resolve(name + ".xml");
        try {
            if (on) {
                Files.createDirectories(paths.autostartDir());
                if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, file(name));
                }
            } else {
                Files.deleteIfExists(link);
            }
        } catch (IOException e) {
            throw new io.jvirt.error.SystemException(io.jvirt.error.ErrorNumber.SYSTEM_ERROR,
                    io.jvirt.error.ErrorDomain.QEMU, "cannot update autostart link " + link + ": " + e.getMessage(), e);
        }
    }

    /** Every definition that parses; one that does not is reported and skipped, never deleted. */
    List<DomainDef> loadAll() {
        List<DomainDef> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(paths.configDir(), "*.xml")) {
            for (Path p : ds) {
                if (p.getFileName().toString().startsWith(".")) {
                    continue;
                }
                try {
                    DomainDef def = DomainXml.parse(Files.readString(p, StandardCharsets.UTF_8));
                    String expected = p.getFileName().toString().replaceFirst("\\.xml$", "");
                    if (!def.name().equals(expected)) {
                        LOG.log(System.Logger.Level.WARNING, "ignoring {0}: it defines domain ''{1}''", p, def.name());
                        continue;
                    }
                    out.add(def);
                } catch (RuntimeException | IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot load domain config {0}: {1}", p, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new io.jvirt.error.SystemException(io.jvirt.error.ErrorNumber.SYSTEM_ERROR,
                    io.jvirt.error.ErrorDomain.QEMU, "cannot list " + paths.configDir() + ": " + e.getMessage(), e);
        }
        return out;
    }
}
