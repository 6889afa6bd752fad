package io.jvirt.qemu.driver;

import io.jvirt.Flags;
import io.jvirt.SecretRef;
import io.jvirt.conf.SecretDef;
import io.jvirt.conf.xml.SecretXml;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;
import io.jvirt.error.LibvirtException;
import io.jvirt.error.NoSuchObjectException;
import io.jvirt.error.OperationDeniedException;
import io.jvirt.error.SystemException;
import io.jvirt.qemu.paths.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The driver's secrets, as libvirt's secret driver keeps them: a persistent secret is
 * {@code DIR/UUID.xml} plus its value base64-encoded in {@code DIR/UUID.base64}, both mode 0600 in a
 * 0700 directory and written atomically; an ephemeral secret lives only in memory. A private
 * secret's value is never returned through the API. Two secrets may not share a usage.
 */
final class SecretStore {
    private static final System.Logger LOG = System.getLogger(SecretStore.class.getName());
    private static final int MAX_VALUE = 65536;

    private final Path dir;
    private final Map<UUID, Entry> secrets = new TreeMap<>(); // guarded by this
    private final java.util.function.Supplier<UUID> uuids;

    private record Entry(SecretDef def, byte[] value) {
    }

    SecretStore(Path dir, java.util.function.Supplier<UUID> uuids) {
        this.dir = dir;
        this.uuids = uuids;
    }

    /** Loads the persistent secrets; a damaged file is skipped with a warning, never fatal. */
    synchronized void load() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().toList()) {
                try {
                    SecretDef def = SecretXml.parse(Files.readString(f, StandardCharsets.UTF_8));
                    Path value = valueFile(def.uuid());
                    byte[] v = Files.exists(value) ? Base64.getDecoder().decode(Files.readString(value).trim()) : null;
                    secrets.put(def.uuid(), new Entry(def, v));
                } catch (IOException | LibvirtException | IllegalArgumentException | NullPointerException e) {
                    LOG.log(System.Logger.Level.WARNING, "skipping secret " + f + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.SECRET,
                    "cannot read secrets in " + dir + ": " + e.getMessage(), e);
        }
    }

    synchronized SecretRef define(String xml, int flags) {
        Flags.check(flags, 0, "secretDefineXML");
        SecretDef def = SecretXml.parse(xml);
        if (def.uuid() == null) {
            def = def.withUuid(uuids.get());
        }
        Entry old = secrets.get(def.uuid());
        if (old != null && old.def().ephemeral() != def.ephemeral()) {
            throw internal("cannot change ephemeral state of secret " + def.uuid());
        }
        if (old != null && old.def().isPrivate() && !def.isPrivate()) {
            throw internal("cannot change private flag on existing secret " + def.uuid());
        }
        if (def.usage() != null) {
            for (Entry e : secrets.values()) {
                if (!e.def().uuid().equals(def.uuid()) && def.usage().equals(e.def().usage())) {
                    throw internal("a secret with UUID " + e.def().uuid() + " already defined for use with "
                            + def.usage().id());
                }
            }
        }
        if (!def.ephemeral()) {
            ensureDir();
            AtomicFiles.write(xmlFile(def.uuid()), SecretXml.format(def), true);
        }
        secrets.put(def.uuid(), new Entry(def, old == null ? null : old.value()));
        return ref(def);
    }

    synchronized SecretRef lookup(UUID uuid) {
        return ref(get(uuid).def());
    }

    synchronized SecretRef lookupByUsage(int usageType, String usageId) {
        return secrets.values().stream().map(Entry::def)
                .filter(d -> d.usageType() == usageType && d.usageId().equals(usageId)).findFirst().map(SecretStore::ref)
                .orElseThrow(() -> new NoSuchObjectException(ErrorNumber.NO_SECRET, ErrorDomain.SECRET,
                        "no secret with matching usage '" + usageId + "'"));
    }

    synchronized List<SecretRef> list(int flags) {
        Flags.check(flags, Flags.ListAllSecrets.EPHEMERAL | Flags.ListAllSecrets.NO_EPHEMERAL
                | Flags.ListAllSecrets.PRIVATE | Flags.ListAllSecrets.NO_PRIVATE, "connectListAllSecrets");
        List<SecretRef> out = new ArrayList<>();
        for (Entry e : secrets.values()) {
            SecretDef d = e.def();
            if (filtered(flags, Flags.ListAllSecrets.EPHEMERAL, Flags.ListAllSecrets.NO_EPHEMERAL, d.ephemeral())
                    && filtered(flags, Flags.ListAllSecrets.PRIVATE, Flags.ListAllSecrets.NO_PRIVATE, d.isPrivate())) {
                out.add(ref(d));
            }
        }
        return out;
    }

    private static boolean filtered(int flags, int yes, int no, boolean value) {
        boolean wantYes = (flags & yes) != 0;
        boolean wantNo = (flags & no) != 0;
        return wantYes == wantNo || (wantYes ? value : !value);
    }

    synchronized String xml(SecretRef ref, int flags) {
        Flags.check(flags, 0, "secretGetXMLDesc");
        return SecretXml.format(get(ref.uuid()).def());
    }

    synchronized byte[] value(SecretRef ref, int flags) {
        Flags.check(flags, 0, "secretGetValue");
        Entry e = get(ref.uuid());
        if (e.def().isPrivate()) {
            throw new OperationDeniedException(ErrorNumber.INVALID_SECRET, ErrorDomain.SECRET,
                    "secret is private");
        }
        if (e.value() == null) {
            throw new NoSuchObjectException(ErrorNumber.NO_SECRET, ErrorDomain.SECRET,
                    "secret '" + ref.uuid() + "' does not have a value");
        }
        return e.value().clone();
    }

    /**
     * A secret's definition and value for the driver's own use (a private secret's too: a disk's
     * {@code <auth>} or LUKS passphrase goes to QEMU), or null when there is no such secret.
     */
    synchronized SecretDef definition(UUID uuid) {
        Entry e = secrets.get(uuid);
        return e == null ? null : e.def();
    }

    /** The value of a secret for the driver's own use; null when it has none. */
    synchronized byte[] internalValue(UUID uuid) {
        Entry e = get(uuid);
        return e.value() == null ? null : e.value().clone();
    }

    synchronized void setValue(SecretRef ref, byte[] value, int flags) {
        Flags.check(flags, 0, "secretSetValue");
        Objects.requireNonNull(value, "value");
        if (value.length > MAX_VALUE) {
            throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.SECRET,
                    "secret value of " + value.length + " bytes is larger than " + MAX_VALUE);
        }
        Entry e = get(ref.uuid());
        if (!e.def().ephemeral()) {
            AtomicFiles.write(valueFile(ref.uuid()), Base64.getEncoder().encodeToString(value), true);
        }
        secrets.put(ref.uuid(), new Entry(e.def(), value.clone()));
    }

    synchronized void undefine(SecretRef ref) {
        Entry e = get(ref.uuid());
        if (!e.def().ephemeral()) {
            AtomicFiles.delete(valueFile(ref.uuid()));
            AtomicFiles.delete(xmlFile(ref.uuid()));
        }
        secrets.remove(ref.uuid());
    }

    private Entry get(UUID uuid) {
        Entry e = secrets.get(uuid);
        if (e == null) {
            throw new NoSuchObjectException(ErrorNumber.NO_SECRET, ErrorDomain.SECRET,
                    "no secret with matching uuid '" + uuid + "'");
        }
        return e;
    }

    private void ensureDir() {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.SECRET,
                    "cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    private Path xmlFile(UUID uuid) {
        return dir.resolve(uuid + ".xml");
    }

    private Path valueFile(UUID uuid) {
        return dir.resolve(uuid + ".base64");
    }

    private static SecretRef ref(SecretDef d) {
        return new SecretRef(d.uuid(), d.usageType(), d.usageId());
    }

    private static io.jvirt.error.InternalException internal(String msg) {
        return new io.jvirt.error.InternalException(ErrorNumber.INTERNAL_ERROR, ErrorDomain.SECRET, msg);
    }
}
