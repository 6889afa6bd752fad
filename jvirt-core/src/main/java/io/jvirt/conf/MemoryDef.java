package io.jvirt.conf;

import java.util.Objects;

/**
 * {@code <memory>}, {@code <currentMemory>} and {@code <maxMemory>}.
 *
 * @param memory        the boot-time maximum
 * @param currentMemory the balloon target at boot (null until post-parse fills it)
 * @param maxMemory     the hotplug maximum, or null
 * @param maxSlots      the hotplug slots, or null
 */
public record MemoryDef(ByteSize memory, ByteSize currentMemory, ByteSize maxMemory, Integer maxSlots) {
    public MemoryDef {
        Objects.requireNonNull(memory, "memory");
    }

    public MemoryDef withCurrentMemory(ByteSize current) {
        return new MemoryDef(memory, current, maxMemory, maxSlots);
    }

    public MemoryDef withMemory(ByteSize mem) {
        return new MemoryDef(mem, currentMemory, maxMemory, maxSlots);
    }
}
