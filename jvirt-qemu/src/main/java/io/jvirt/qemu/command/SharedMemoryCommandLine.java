package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.MemoryBackingDef;

/**
 * The one {@code <memoryBacking>} this branch builds: {@code <source type='memfd'/><access
 * mode='shared'/>} (nothing else), which virtiofs needs. Guest RAM is then a shared
 * {@code memory-backend-memfd} named {@code pc.ram} on {@code -machine memory-backend}, with
 * {@code x-use-canonical-path-for-ramblock-id=false} as libvirt sets it for the system RAM (what
 * QEMU's own default backend uses, so migration stays compatible). The general memoryBacking
 * builder replaces this class; its output for this case is the same.
 */
public final class SharedMemoryCommandLine {
    static final String SYSTEM_RAM = "pc.ram";
    /** The memoryBacking this class builds. */
    public static final MemoryBackingDef SHARED_MEMFD = new MemoryBackingDef(false, java.util.List.of(), false, false,
            "memfd", "shared", null, null, false);

    private SharedMemoryCommandLine() {
    }

    static boolean applies(DomainDef def) {
        return def.memory().backing().equals(SHARED_MEMFD) && def.cpu().numa().isEmpty();
    }

    static void machineProps(JsonProps.Builder m, DomainDef def) {
        if (applies(def)) {
            m.put("memory-backend", SYSTEM_RAM);
        }
    }

    static void backend(Argv a, DomainDef def) {
        if (applies(def)) {
            a.json("-object", JsonProps.builder().put("qom-type", "memory-backend-memfd").put("id", SYSTEM_RAM)
                    .put("share", true).put("x-use-canonical-path-for-ramblock-id", false)
                    .put("size", def.memory().memory().bytes()).build());
        }
    }
}
