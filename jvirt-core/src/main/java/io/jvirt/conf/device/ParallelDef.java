package io.jvirt.conf.device;

import java.util.Objects;

/** A {@code <parallel>} port: a character device of kind {@link ChrDef.Kind#PARALLEL}. */
public record ParallelDef(ChrDef chr) implements DeviceDef {
    public ParallelDef {
        Objects.requireNonNull(chr, "chr");
        if (chr.kind() != ChrDef.Kind.PARALLEL) {
            throw new IllegalArgumentException("not a parallel port: " + chr.kind());
        }
    }

    @Override
    public String element() {
        return "parallel";
    }

    @Override
    public String alias() {
        return chr.alias();
    }

    @Override
    public AddressDef address() {
        return null;
    }
}
