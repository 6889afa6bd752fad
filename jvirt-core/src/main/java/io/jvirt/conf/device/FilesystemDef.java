package io.jvirt.conf.device;

/**
 * A {@code <filesystem type='mount'>} shared with the guest (virtiofs or 9p).
 *
 * @param accessmode passthrough, mapped or squash, or null
 * @param driverType path, handle, virtiofs, or null
 * @param queue      {@code <driver queue>} (virtiofs), or null
 * @param binary     {@code <binary>}: how virtiofsd runs, or null
 * @param source     host directory
 * @param target     the mount tag
 * @param readonly   {@code <readonly/>}
 * @param ninep      the 9p-only settings ({@link NineP#NONE} when none is given)
 */
public record FilesystemDef(String accessmode, String driverType, Integer queue, Binary binary, String source,
                            String target, boolean readonly, NineP ninep, String alias, AddressDef address)
        implements DeviceDef {
    public FilesystemDef {
        java.util.Objects.requireNonNull(ninep, "ninep");
    }

    @Override
    public String element() {
        return "filesystem";
    }

    /** The {@code <binary path>} of virtiofsd, or null. */
    public String binaryPath() {
        return binary == null ? null : binary.path();
    }

    /** A copy with another alias and address. */
    public FilesystemDef withAliasAddress(String al, AddressDef a) {
        return new FilesystemDef(accessmode, driverType, queue, binary, source, target, readonly, ninep, al, a);
    }

    /**
     * Settings of the 9p file server in QEMU.
     *
     * @param multidevs {@code multidevs='remap|forbid|warn|default'}, or null
     * @param fmode     {@code fmode} (octal in the XML): mode of files created (mapped), or null
     * @param dmode     {@code dmode} (octal in the XML): mode of directories created (mapped), or null
     * @param wrpolicy  {@code <driver wrpolicy='immediate'>}, or null
     */
    public record NineP(String multidevs, Integer fmode, Integer dmode, String wrpolicy) {
        public static final NineP NONE = new NineP(null, null, null, null);
    }

    /**
     * {@code <binary>}: the virtiofsd the driver runs for a virtiofs share.
     *
     * @param path           {@code path}, or null (the driver's default)
     * @param xattr          {@code xattr='on|off'}, or null
     * @param cache          {@code <cache mode>} (none, always, auto), or null
     * @param sandbox        {@code <sandbox mode>} (namespace, chroot), or null
     * @param posixLock      {@code <lock posix>}, or null
     * @param flock          {@code <lock flock>}, or null
     * @param threadPoolSize {@code <thread_pool size>}, or null
     */
    public record Binary(String path, Boolean xattr, String cache, String sandbox, Boolean posixLock, Boolean flock,
                         Integer threadPoolSize) {
    }
}
