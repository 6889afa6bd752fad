package io.jvirt.conf.device;

/**
 * One layer of a disk's backing chain: {@code <backingStore type><format type/><source/>
 * <backingStore/></backingStore>}. The next layer is the source's own backing store.
 *
 * @param type   file, block, network ..., or null for the empty terminator
 * @param format the image format (raw, qcow2), or null
 * @param source the layer's source, whose {@code backingStore} is the next layer
 */
public record BackingStoreDef(String type, String format, DiskSourceDef source) {
    /** {@code <backingStore/>}: the chain ends here. */
    public static final BackingStoreDef NONE = new BackingStoreDef(null, null, null);

    public BackingStoreDef {
        if ((type == null) != (source == null)) {
            throw new IllegalArgumentException("a backing store has both a type and a source, or neither");
        }
    }

    /** How many layers this chain has (the terminator counts 0). */
    public int depth() {
        if (type == null) {
            return 0;
        }
        return 1 + (source.backingStore() == null ? 0 : source.backingStore().depth());
    }
}
