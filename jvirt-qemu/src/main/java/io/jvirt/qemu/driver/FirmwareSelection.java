package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.FeatureDef;
import io.jvirt.conf.FirmwareDef;
import io.jvirt.conf.OsDef;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationFailedException;
import io.jvirt.qemu.paths.DriverPaths;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Firmware as libvirt 9.0 sets it up for QEMU. At define: a loader with a path but no type is a
 * ROM, and a read-only pflash loader without {@code <nvram>} gets {@code LIBDIR/nvram/NAME_VARS.fd}.
 * At start (and domxml-to-native): {@code <os firmware='efi|bios'>} picks the first firmware
 * descriptor ({@link FirmwareDescriptors}) whose interface, architecture and machine type match,
 * that has every {@code <feature enabled='yes'>} and none of the {@code enabled='no'} ones, and
 * whose SMM need fits the domain; the live definition then shows the loader and NVRAM it chose
 * (a descriptor that requires SMM turns SMM on and marks the loader secure). The NVRAM file is
 * copied from its template at the first start, never over an existing one.
 */
final class FirmwareSelection {
    private FirmwareSelection() {
    }

    /** The NVRAM path libvirt generates for a domain. */
    static Path nvramPath(DriverPaths paths, String name) {
        return paths.libDir().resolve("nvram").resolve(name + "_VARS.fd");
    }

    /** At start: firmware autoselection, then the NVRAM file created from its template if missing. */
    static DomainDef prepareHost(DomainDef def, DriverPaths paths) {
        List<FirmwareDescriptors.Descriptor> descriptors = FirmwareDescriptors.load(FirmwareDescriptors.searchDirs());
        DomainDef filled = fill(def, paths, descriptors);
        ensureNvram(filled, descriptors);
        return filled;
    }

    /** Define-time defaults (libvirt's post-parse of the loader and NVRAM). */
    static DomainDef postParse(DomainDef def, DriverPaths paths) {
        FirmwareDef f = def.os().firmware();
        if (f.loader() == null) {
            return def;
        }
        String type = f.loaderType() == null ? "rom" : f.loaderType();
        String nvram = f.nvram();
        if (nvram == null && type.equals("pflash") && Boolean.TRUE.equals(f.loaderReadonly())) {
            nvram = nvramPath(paths, def.name()).toString();
        }
        if (type.equals(f.loaderType()) && java.util.Objects.equals(nvram, f.nvram())) {
            return def;
        }
        return withFirmware(def, new FirmwareDef(f.firmware(), f.features(), f.loader(), f.loaderReadonly(),
                f.loaderSecure(), type, true, nvram, f.nvramTemplate()), def.features());
    }

    /** Resolves {@code firmware='efi|bios'}; a definition without it comes back unchanged. */
    static DomainDef fill(DomainDef def, DriverPaths paths, List<FirmwareDescriptors.Descriptor> descriptors) {
        FirmwareDef f = def.os().firmware();
        if (f.firmware() == null || f.loader() != null) {
            return def;
        }
        String iface = f.firmware().equals("efi") ? "uefi" : "bios";
        for (FirmwareDescriptors.Descriptor d : descriptors) {
            if (!d.interfaces().contains(iface) || !d.matches(def.os().arch(), def.os().machine())
                    || !d.format().equals("raw") || !featuresFit(def, f, d)) {
                continue;
            }
            boolean flash = d.device().equals("flash");
            if (f.loaderType() != null && !f.loaderType().equals(flash ? "pflash" : "rom")) {
                continue;
            }
            boolean smm = d.features().contains("requires-smm");
            List<FeatureDef> features = def.features();
            Boolean secure = f.loaderSecure();
            if (smm) {
                features = new ArrayList<>(def.features().stream().filter(x -> !x.name().equals("smm")).toList());
                features.add(new FeatureDef("smm", true));
                secure = true;
            }
            String nvram = null;
            String template = null;
            if (flash) {
                nvram = f.nvram() != null ? f.nvram() : nvramPath(paths, def.name()).toString();
                template = f.nvramTemplate() != null ? f.nvramTemplate() : d.nvramTemplate();
            }
            return withFirmware(def, new FirmwareDef(f.firmware(), f.features(), d.executable(),
                    flash ? Boolean.TRUE : f.loaderReadonly(), secure, flash ? "pflash" : "rom", true, nvram, template),
                    features);
        }
        if (f.firmware().equals("bios")) {
            return def; // QEMU's own default BIOS
        }
        throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                "Unable to find any firmware to satisfy '" + f.firmware() + "'");
    }

    private static boolean featuresFit(DomainDef def, FirmwareDef f, FirmwareDescriptors.Descriptor d) {
        for (FirmwareDef.Feature want : f.features()) {
            if (d.features().contains(want.name()) != want.enabled()) {
                return false;
            }
        }
        boolean smm = d.features().contains("requires-smm");
        boolean smmOff = def.features().stream().anyMatch(x -> x.name().equals("smm") && !x.enabled());
        if (smm && (smmOff || Boolean.FALSE.equals(f.loaderSecure()))) {
            return false;
        }
        return !(Boolean.TRUE.equals(f.loaderSecure()) && !smm);
    }

    /**
     * Creates the NVRAM file of a pflash loader from its template if it does not exist yet: the
     * template is copied next to it under a temporary name and linked into place, which fails
     * rather than replaces when the file appeared meanwhile.
     */
    static void ensureNvram(DomainDef def, List<FirmwareDescriptors.Descriptor> descriptors) {
        FirmwareDef f = def.os().firmware();
        if (f.nvram() == null || !"pflash".equals(f.loaderType())) {
            return;
        }
        Path nvram = Path.of(f.nvram());
        if (Files.exists(nvram)) {
            return;
        }
        String template = f.nvramTemplate();
        if (template == null) {
            template = descriptors.stream().filter(d -> d.executable().equals(f.loader()) && d.nvramTemplate() != null)
                    .map(FirmwareDescriptors.Descriptor::nvramTemplate).findFirst().orElse(null);
        }
        if (template == null) {
            throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                    "unable to find any master var store for loader: " + f.loader());
        }
        Path tmp = null;
        try {
            Files.createDirectories(nvram.getParent());
            tmp = Files.createTempFile(nvram.getParent(), "." + nvram.getFileName(), ".part");
            Files.copy(Path.of(template), tmp, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.createLink(nvram, tmp);
            } catch (FileAlreadyExistsException e) {
                // another start created it first: keep that one
            }
        } catch (IOException e) {
            throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                    "Failed to create NVRAM '" + nvram + "' from template '" + template + "': " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }

    private static DomainDef withFirmware(DomainDef def, FirmwareDef fw, List<FeatureDef> features) {
        OsDef o = def.os();
        OsDef os = new OsDef(o.type(), o.arch(), o.machine(), fw, o.kernel(), o.initrd(), o.cmdline(), o.dtb(),
                o.acpiTables(), o.boot(), o.bootmenu(), o.bootmenuTimeout(), o.smbiosMode(), o.bios());
        return new DomainDef(def.type(), def.name(), def.uuid(), def.general(), def.memory(), def.vcpu(), def.cpu(),
                os, features, def.clock(), def.lifecycle(), def.devices(), def.qemu(), def.tuning(), def.seclabels(),
                def.sysinfo());
    }
}
