package io.jvirt.conf.device;

import io.jvirt.conf.ByteSize;

/**
 * A {@code <memory model=...>} device: dimm, nvdimm, virtio-mem or virtio-pmem.
 *
 * @param access     shared or private, or null
 * @param discard    yes/no, or null
 * @param sourcePath backing file (nvdimm, virtio-pmem), or null
 * @param pagesize   {@code <source><pagesize>}, or null
 * @param nodemask   {@code <source><nodemask>}, or null
 * @param size       {@code <target><size>}
 * @param node       {@code <target><node>}, or null
 * @param block      {@code <target><block>} (virtio-mem), or null
 * @param requested  {@code <target><requested>} (virtio-mem), or null
 * @param label      {@code <target><label><size>} (nvdimm), or null
 */
public record MemoryDeviceDef(String model, String access, Boolean discard, String sourcePath, ByteSize pagesize,
                              String nodemask, ByteSize size, Integer node, ByteSize block, ByteSize requested,
                              ByteSize label, String alias, AddressDef address) implements DeviceDef {
    @Override
    public String element() {
        return "memory";
    }
}
