package io.jvirt.conf.device;

/**
 * A {@code <filesystem type='mount'>} shared with the guest (virtiofs or 9p).
 *
 * @param accessmode passthrough, mapped or squash, or null
 * @param driverType path, handle, virtiofs, or null
 * @param queue      {@code <driver queue>} (virtiofs), or null
 * @param binaryPath {@code <binary path>} of virtiofsd, or null
 * @param source     host directory
 * @param target     the mount tag
 * @param readonly   {@code <readonly/>}
 */
public record FilesystemDef(String accessmode, String driverType, Integer queue, String binaryPath, String source,
                            String target, boolean readonly, String alias, AddressDef address) implements DeviceDef {
    @Override
    public String element() {
        return "filesystem";
    }
}
