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
 * @param extra     source mode/path, mtu, driver and filterref ({@link Extra#NONE} when absent)
 */
public record InterfaceDef(String type, String mac, String model, String source, String targetDev,
                           List<PortForward> hostFwds, Integer bootOrder, Boolean linkUp, String alias,
                           AddressDef address, Extra extra) {
    public InterfaceDef {
        Objects.requireNonNull(type, "type");
        hostFwds = List.copyOf(hostFwds);
        Objects.requireNonNull(extra, "extra");
    }

    public InterfaceDef(String type, String mac, String model, String source, String targetDev,
                        List<PortForward> hostFwds, Integer bootOrder, Boolean linkUp, String alias,
                        AddressDef address) {
        this(type, mac, model, source, targetDev, hostFwds, bootOrder, linkUp, alias, address, Extra.NONE);
    }

    /**
     * The less common parts of an interface.
     *
     * @param sourceMode   direct: vepa, bridge, private, passthrough; vhostuser: client or server; or null
     * @param sourcePath   the vhost-user socket path, or null
     * @param mtu          {@code <mtu size>}, or null
     * @param driverName   {@code <driver name='vhost|qemu'>}, or null
     * @param driverQueues {@code <driver queues>}, or null
     * @param filter       {@code <filterref filter>}, or null
     * @param filterParams its {@code <parameter name value/>} children in order
     * @param virtualport  {@code <virtualport type><parameters .../></virtualport>}, or null
     * @param bandwidth    {@code <bandwidth>} inbound/outbound limits, or null
     * @param rom          {@code <rom bar file enabled/>}, or null
     * @param coalesceRxFrames {@code <coalesce><rx><frames max/></rx></coalesce>}, or null
     */
    public record Extra(String sourceMode, String sourcePath, Integer mtu, String driverName, Integer driverQueues,
                        String filter, java.util.Map<String, String> filterParams, Virtualport virtualport,
                        Bandwidth bandwidth, Rom rom, Integer coalesceRxFrames) {
        public static final Extra NONE = new Extra(null, null, null, null, null, null, java.util.Map.of(), null,
                null, null, null);

        public Extra {
            filterParams = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(filterParams));
        }
    }

    /** {@code <virtualport type='openvswitch|802.1Qbg|802.1Qbh|midonet'>} and its parameters, in order. */
    public record Virtualport(String type, java.util.Map<String, String> parameters) {
        public Virtualport {
            parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        }
    }

    /** {@code <bandwidth>}: an {@code <inbound>} and/or {@code <outbound>} limit. */
    public record Bandwidth(Limit inbound, Limit outbound) {
    }

    /** average/peak in KiB/s, burst in KiB, floor in KiB/s (inbound only); null = not written. */
    public record Limit(Long average, Long peak, Long burst, Long floor) {
    }

    /** {@code <rom bar='on|off' file=... enabled='yes|no'/>}. */
    public record Rom(Boolean bar, String file, Boolean enabled) {
    }

    /** A user-mode forward of a host port to a guest port. */
    public record PortForward(String proto, String hostAddress, int hostPort, int guestPort) {
    }

    public InterfaceDef withMacAliasAddress(String newMac, String newAlias, AddressDef addr) {
        return new InterfaceDef(type, newMac, model, source, targetDev, hostFwds, bootOrder, linkUp, newAlias, addr,
                extra);
    }
}
