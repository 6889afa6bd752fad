package io.jvirt.qemu.domain;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.NoSuchObjectException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * All domains of a driver: a concurrent map by UUID and a name index kept consistent under its
 * own lock (adding and renaming must check both at once).
 */
public final class DomainList {
    private final ConcurrentHashMap<UUID, DomainObj> byUuid = new ConcurrentHashMap<>();
    private final Map<String, DomainObj> byName = new HashMap<>();
    private final ReentrantLock indexLock = new ReentrantLock();

    /** Runs {@code body} holding the index lock, so checks and adds are atomic. */
    public <T> T withIndexLock(java.util.function.Supplier<T> body) {
        indexLock.lock();
        try {
            return body.get();
        } finally {
            indexLock.unlock();
        }
    }

    /** Adds a domain; caller holds the index lock and has checked for clashes. */
    public void add(DomainObj dom) {
        indexLock.lock();
        try {
            byUuid.put(dom.uuid(), dom);
            byName.put(dom.name(), dom);
        } finally {
            indexLock.unlock();
        }
    }

    public void remove(DomainObj dom) {
        indexLock.lock();
        try {
            byUuid.remove(dom.uuid(), dom);
            byName.remove(dom.name(), dom);
            dom.markRemoved();
        } finally {
            indexLock.unlock();
        }
    }

    public Optional<DomainObj> byUuid(UUID uuid) {
        return Optional.ofNullable(byUuid.get(uuid));
    }

    public Optional<DomainObj> byName(String name) {
        indexLock.lock();
        try {
            return Optional.ofNullable(byName.get(name));
        } finally {
            indexLock.unlock();
        }
    }

    public Optional<DomainObj> byId(int id) {
        return byUuid.values().stream().filter(d -> d.id() == id).findFirst();
    }

    /** The domain for a UUID, or VIR_ERR_NO_DOMAIN worded as libvirt does. */
    public DomainObj require(UUID uuid, String name) {
        DomainObj d = byUuid.get(uuid);
        if (d == null) {
            throw new NoSuchObjectException(ErrorNumber.NO_DOMAIN, ErrorDomain.QEMU,
                    "no domain with matching uuid '" + uuid + "'" + (name == null ? "" : " (" + name + ")"));
        }
        return d;
    }

    /** A snapshot of all domains sorted by name. */
    public List<DomainObj> all() {
        List<Map.Entry<String, DomainObj>> entries = new ArrayList<>();
        indexLock.lock();
        try {
            // the name index holds every domain under its current name: no per-domain lock needed
            for (Map.Entry<String, DomainObj> e : byName.entrySet()) {
                entries.add(Map.entry(e.getKey(), e.getValue()));
            }
        } finally {
            indexLock.unlock();
        }
        entries.sort(Map.Entry.comparingByKey());
        List<DomainObj> out = new ArrayList<>(entries.size());
        for (Map.Entry<String, DomainObj> e : entries) {
            out.add(e.getValue());
        }
        return out;
    }

    /** A snapshot of all domains in no particular order (cheaper than {@link #all()}). */
    public List<DomainObj> unordered() {
        return new ArrayList<>(byUuid.values());
    }

    public int size() {
        return byUuid.size();
    }
}
