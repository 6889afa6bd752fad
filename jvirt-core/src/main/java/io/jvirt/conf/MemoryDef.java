package io.jvirt.conf;

import java.util.Objects;

/**
 * {@code <memory>}, {@code <currentMemory>}, {@code <maxMemory>} and {@code <memoryBacking>}.
 *
 * @param memory        the boot-time maximum
 * @param currentMemory the balloon target at boot (null until post-parse fills it)
 * @param maxMemory     the hotplug maximum, or null
 * @param maxSlots      the hotplug slots, or null
 * @param dumpCore      {@code <memory dumpCore='on|off'>}, or null
 * @param backing       how guest memory is backed ({@link MemoryBackingDef#NONE} when absent)
 */
public record MemoryDef(ByteSize memory, ByteSize currentMemory, ByteSize maxMemory, Integer maxSlots,
                        Boolean dumpCore, MemoryBackingDef backing) {
    public MemoryDef {
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(backing, "backing");
    }

    public MemoryDef(ByteSize memory, ByteSize currentMemory, ByteSize maxMemory, Integer maxSlots) {
        this(memory, currentMemory, maxMemory, maxSlots, null, MemoryBackingDef.NONE);
    }

    public MemoryDef withCurrentMemory(ByteSize current) {
        return new MemoryDef(memory, current, maxMemory, maxSlots, dumpCore, backing);
    }

    public MemoryDef withMemory(ByteSize mem) {
        return new MemoryDef(mem, currentMemory, maxMemory, maxSlots, dumpCore, backing);
    }
}
