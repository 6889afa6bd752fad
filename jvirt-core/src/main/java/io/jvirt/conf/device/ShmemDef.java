package io.jvirt.conf.device;

import io.jvirt.conf.ByteSize;

/**
 * A {@code <shmem name=...>}: inter-VM shared memory (ivshmem).
 *
 * @param name       the shared memory object name
 * @param model      ivshmem, ivshmem-plain or ivshmem-doorbell, or null
 * @param size       {@code <size>}, or null
 * @param serverPath {@code <server path>} of a doorbell device, or null
 * @param vectors    {@code <msi vectors>}, or null
 * @param ioeventfd  {@code <msi ioeventfd>}, or null
 */
public record ShmemDef(String name, String model, ByteSize size, String serverPath, Integer vectors,
                       Boolean ioeventfd, String alias, AddressDef address) implements DeviceDef {
    @Override
    public String element() {
        return "shmem";
    }
}
