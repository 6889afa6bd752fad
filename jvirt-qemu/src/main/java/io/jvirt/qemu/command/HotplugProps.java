package io.jvirt.qemu.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jvirt.conf.device.DiskDef;
import io.jvirt.conf.device.InterfaceDef;

import java.util.List;

/**
 * The QMP arguments for hotplugging devices: the same properties the command line gives them at
 * start ({@code blockdev-add}, {@code netdev_add}, {@code device_add}), so a device looks the same
 * to the guest whether it was there at boot or plugged in later.
 */
public final class HotplugProps {
    private HotplugProps() {
    }

    /** blockdev-add arguments for a disk's media, bottom layer first, storage node before format node. */
    public static List<ObjectNode> diskBlockdevs(DiskDef d) {
        return DiskCommandLine.blockdevs(d).stream().map(JsonProps::toNode).toList();
    }

    /** The node names of a disk's media, format node first (the order to remove them in). */
    public static List<String> diskNodes(DiskDef d) {
        return DiskCommandLine.nodeNames(d);
    }

    /** device_add arguments for a disk. */
    public static ObjectNode diskDevice(DiskDef d, String machine) {
        return DiskCommandLine.frontend(d, DiskCommandLine.hasMedia(d) ? DiskCommandLine.formatNode(d) : null, machine)
                .toNode();
    }

    /** The netdev id of an interface. */
    public static String netdevId(InterfaceDef nic) {
        return "host" + nic.alias();
    }

    /** netdev_add arguments for an interface. */
    public static ObjectNode netdev(InterfaceDef nic) {
        return NetCommandLine.backend(nic, netdevId(nic)).toNode();
    }

    /** device_add arguments for an interface. */
    public static ObjectNode nicDevice(InterfaceDef nic, String machine) {
        return NetCommandLine.frontend(nic, netdevId(nic), machine).toNode();
    }
}
