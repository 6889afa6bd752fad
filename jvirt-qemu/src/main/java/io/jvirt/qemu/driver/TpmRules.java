package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.TpmDef;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationFailedException;
import io.jvirt.qemu.caps.QemuCaps;

import java.nio.file.Files;
import java.nio.file.Path;

/** What the QEMU driver runs of {@code <tpm>}: tpm-tis/tpm-crb with an emulator (swtpm) or passthrough backend. */
final class TpmRules {
    private TpmRules() {
    }

    static void validate(DomainDef def, QemuCaps caps) {
        for (TpmDef t : def.devices().of(TpmDef.class)) {
            String model = t.model() == null ? "tpm-tis" : t.model();
            if (!model.equals("tpm-tis") && !model.equals("tpm-crb")) {
                throw GuestDeviceRules.unsupported("TPM model '" + model + "' is not supported on x86");
            }
            if (!caps.deviceTypes().isEmpty() && !caps.hasDevice(model)) {
                throw GuestDeviceRules.unsupported("The QEMU executable " + def.devices().emulator()
                        + " does not support TPM model " + model);
            }
            switch (t.backendType()) {
                case "emulator" -> {
                    if (t.encryptionSecret() != null) {
                        throw GuestDeviceRules.unsupported("TPM emulator state <encryption> is not supported by this "
                                + "driver yet");
                    }
                    if (model.equals("tpm-crb") && "1.2".equals(t.version())) {
                        throw GuestDeviceRules.unsupported("TPM version '1.2' is not supported with model 'tpm-crb'");
                    }
                }
                case "passthrough" -> { }
                default -> throw GuestDeviceRules.unsupported("TPM backend '" + t.backendType()
                        + "' is not supported by this driver yet");
            }
        }
    }

    /** Host checks at start: swtpm is installed, a passthrough device and its cancel file exist. */
    static void validateForStart(DomainDef def) {
        for (TpmDef t : def.devices().of(TpmDef.class)) {
            if (t.backendType().equals("emulator")) {
                for (String tool : new String[] {TpmEmulator.SWTPM, TpmEmulator.SWTPM_SETUP}) {
                    if (!Files.isExecutable(Path.of(tool))) {
                        throw new OperationFailedException(ErrorNumber.INTERNAL_ERROR, ErrorDomain.QEMU,
                                "Unable to find '" + Path.of(tool).getFileName() + "' binary in $PATH: "
                                        + "No such file or directory");
                    }
                }
            } else {
                String dev = t.devicePath() == null ? "/dev/tpm0" : t.devicePath();
                if (!Files.exists(Path.of(dev))) {
                    throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                            "cannot access TPM device '" + dev + "': No such file or directory");
                }
                if (!Files.exists(Path.of(io.jvirt.qemu.command.TpmCommandLine.cancelPath(dev)))) {
                    throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                            "No usable sysfs TPM cancel file could be found");
                }
            }
        }
    }
}
