package io.jvirt.conf.device;

import java.util.List;
import java.util.Objects;

/**
 * An {@code <interface>}.
 *
 * @param type      "user", "network", "bridge", "direct", "ethernet", "vhostuser"
 * @param mac       the MAC address, or null until post-parse
 * @param model     the NIC model ("virtio", "e1000"), or null
 * @param source    the network, bridge or device name (per type), or null
 * @param targetDev the host tap device name, or null
 * @param hostFwds  user-mode port forwards ({@code <portForward>} reduced to host:guest pairs)
 * @param bootOrder {@code <boot order='N'/>}, or null
 * @param linkUp    {@code <link state=.../>}, null when absent
 * @param alias     the alias ("net0"), or null until post-parse
 * @param address   the address, or null until post-parse
 */
public record InterfaceDef(String type, String mac, String model, String source, String targetDev,
                           List<PortForward> hostFwds, Integer bootOrder, Boolean linkUp, String alias,
                           AddressDef address) {
    public InterfaceDef {
        Objects.requireNonNull(type, "type");
        hostFwds = List.copyOf(hostFwds);
    }

    /** A user-mode forward of a host port to a guest port. */
    public record PortForward(String proto, String hostAddress, int hostPort, int guestPort) {
    }

    public InterfaceDef withMacAliasAddress(String newMac, String newAlias, AddressDef addr) {
        return new InterfaceDef(type, newMac, model, source, targetDev, hostFwds, bootOrder, linkUp, newAlias, addr);
    }
}
