package io.jvirt.conf;

import java.util.List;

/**
 * {@code <memoryBacking>}.
 *
 * @param hugepages         whether {@code <hugepages>} was given
 * @param pages             its {@code <page size nodeset>} children
 * @param nosharepages      {@code <nosharepages/>}
 * @param locked            {@code <locked/>}
 * @param sourceType        {@code <source type='file|anonymous|memfd'/>}, or null
 * @param accessMode        {@code <access mode='shared|private'/>}, or null
 * @param allocationMode    {@code <allocation mode='immediate|ondemand'/>}, or null
 * @param allocationThreads {@code <allocation threads=N/>}, or null
 * @param discard           {@code <discard/>}
 */
public record MemoryBackingDef(boolean hugepages, List<Page> pages, boolean nosharepages, boolean locked,
                               String sourceType, String accessMode, String allocationMode,
                               Integer allocationThreads, boolean discard) {
    public static final MemoryBackingDef NONE = new MemoryBackingDef(false, List.of(), false, false, null, null,
            null, null, false);

    public MemoryBackingDef {
        pages = List.copyOf(pages);
    }

    /** A huge page size, optionally limited to guest NUMA nodes. */
    public record Page(ByteSize size, String nodeset) {
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
