package io.jvirt.qemu.driver;

import io.jvirt.Flags;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.FirmwareDef;
import io.jvirt.conf.device.TpmDef;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;
import io.jvirt.error.OperationInvalidException;
import io.jvirt.error.SystemException;
import io.jvirt.qemu.paths.DriverPaths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What undefine does with a domain's state outside its config, as libvirt: the NVRAM file of a
 * UEFI domain is removed with {@code VIR_DOMAIN_UNDEFINE_NVRAM}, kept with {@code KEEP_NVRAM}, and
 * without either flag an existing NVRAM file refuses the undefine; the emulated TPM's state
 * ({@code SWTPM_STORAGE/UUID}) is removed unless {@code KEEP_TPM}, or, for
 * {@code persistent_state='yes'}, only with {@code VIR_DOMAIN_UNDEFINE_TPM}.
 */
final class UndefineHostState {
    private UndefineHostState() {
    }

    /** Checks the flags against {@code def}; returns what to remove once the undefine goes ahead. */
    static List<Path> plan(DomainDef def, int flags, DriverPaths paths) {
        exclusive(flags, Flags.Undefine.KEEP_NVRAM, "VIR_DOMAIN_UNDEFINE_KEEP_NVRAM", Flags.Undefine.NVRAM,
                "VIR_DOMAIN_UNDEFINE_NVRAM");
        exclusive(flags, Flags.Undefine.TPM, "VIR_DOMAIN_UNDEFINE_TPM", Flags.Undefine.KEEP_TPM,
                "VIR_DOMAIN_UNDEFINE_KEEP_TPM");
        List<Path> remove = new ArrayList<>();
        Path nvram = nvram(def, paths);
        if (nvram != null && Files.exists(nvram)) {
            if ((flags & Flags.Undefine.NVRAM) != 0) {
                remove.add(nvram);
            } else if ((flags & Flags.Undefine.KEEP_NVRAM) == 0) {
                throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.QEMU,
                        "cannot undefine domain with nvram");
            }
        }
        for (TpmDef t : def.devices().of(TpmDef.class)) {
            if (t.backendType().equals("emulator") && (flags & Flags.Undefine.KEEP_TPM) == 0
                    && (!Boolean.TRUE.equals(t.persistentState()) || (flags & Flags.Undefine.TPM) != 0)) {
                remove.add(TpmEmulator.storageDir(paths, def.uuid()));
            }
        }
        return remove;
    }

    /** Removes what {@link #plan} listed (files, or directory trees). */
    static void remove(List<Path> paths) {
        for (Path p : paths) {
            try {
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    RuntimeDirs.deleteTree(p);
                } else {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU,
                        "failed to remove '" + p + "': " + e.getMessage(), e);
            }
        }
    }

    /** The NVRAM file of a definition: its own, or the generated one of {@code firmware='efi'}. */
    static Path nvram(DomainDef def, DriverPaths paths) {
        FirmwareDef f = def.os().firmware();
        if (f.nvram() != null) {
            return Path.of(f.nvram());
        }
        return "efi".equals(f.firmware()) ? FirmwareSelection.nvramPath(paths, def.name()) : null;
    }

    private static void exclusive(int flags, int a, String aName, int b, String bName) {
        if ((flags & a) != 0 && (flags & b) != 0) {
            throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU,
                    "Flags '" + aName + "' and '" + bName + "' are mutually exclusive");
        }
    }
}
