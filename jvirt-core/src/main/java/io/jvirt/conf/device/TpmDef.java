package io.jvirt.conf.device;

/**
 * A {@code <tpm>}.
 *
 * @param model        tpm-tis, tpm-crb, or null
 * @param backendType  passthrough or emulator
 * @param version      "1.2" or "2.0", or null
 * @param devicePath   the host device of a passthrough backend, or null
 * @param persistentState {@code persistent_state='yes'} of an emulator, or null
 * @param encryptionSecret secret UUID encrypting the emulator state, or null
 */
public record TpmDef(String model, String backendType, String version, String devicePath, Boolean persistentState,
                     String encryptionSecret, String alias, AddressDef address) implements DeviceDef {
    @Override
    public String element() {
        return "tpm";
    }
}
