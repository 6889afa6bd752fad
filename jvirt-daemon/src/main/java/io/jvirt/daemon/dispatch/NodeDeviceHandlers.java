package io.jvirt.daemon.dispatch;

import io.jvirt.Flags;
import io.jvirt.rpc.conn.Dispatcher;
import io.jvirt.rpc.proto.NodeDeviceMessages.ListAllReply;

import java.util.List;

import static io.jvirt.rpc.proto.NodeDeviceProcedures.*;

/** Host devices: NODE_DEVICE_*, NODE_*_DEVICES and CONNECT_LIST_ALL_NODE_DEVICES. */
final class NodeDeviceHandlers {
    private NodeDeviceHandlers() {
    }

    static void register(Dispatcher d) {
        d.on(NODE_NUM_OF_DEVICES, (ctx, a) -> Wire.conn(ctx).listAllNodeDevices(
                Flags.ListAllNodeDevices.forLegacyList(a.cap(), a.flags())).size());
        d.on(NODE_LIST_DEVICES, (ctx, a) -> Wire.conn(ctx).listAllNodeDevices(
                Flags.ListAllNodeDevices.forLegacyList(a.cap(), a.flags()))
                .stream().limit(Math.max(a.maxnames(), 0)).toList());
        d.on(CONNECT_LIST_ALL_NODE_DEVICES, (ctx, a) -> {
            List<String> all = Wire.conn(ctx).listAllNodeDevices(a.flags());
            return new ListAllReply(a.needResults() == 0 ? List.of() : all, all.size());
        });
        d.on(NODE_DEVICE_LOOKUP_BY_NAME, (ctx, name) -> Wire.conn(ctx).nodeDeviceLookupByName(name));
        d.on(NODE_DEVICE_GET_XML_DESC, (ctx, a) -> Wire.conn(ctx).nodeDeviceGetXMLDesc(a.name(), a.flags()));
        d.on(NODE_DEVICE_GET_PARENT, (ctx, name) -> Wire.conn(ctx).nodeDeviceGetParent(name));
        d.on(NODE_DEVICE_NUM_OF_CAPS, (ctx, name) -> Wire.conn(ctx).nodeDeviceListCaps(name).size());
        d.on(NODE_DEVICE_LIST_CAPS, (ctx, a) -> Wire.conn(ctx).nodeDeviceListCaps(a.name()).stream()
                .limit(Math.max(a.maxnames(), 0)).toList());
        d.on(NODE_DEVICE_IS_ACTIVE, (ctx, name) -> Wire.conn(ctx).nodeDeviceIsActive(name) ? 1 : 0);
        d.on(NODE_DEVICE_IS_PERSISTENT, (ctx, name) -> Wire.conn(ctx).nodeDeviceIsPersistent(name) ? 1 : 0);
        d.on(NODE_DEVICE_GET_AUTOSTART, (ctx, name) -> Wire.conn(ctx).nodeDeviceGetAutostart(name) ? 1 : 0);
        d.on(NODE_DEVICE_DETTACH, (ctx, name) -> {
            Wire.conn(ctx).nodeDeviceDetach(name, null, 0);
            return null;
        });
        d.on(NODE_DEVICE_DETACH_FLAGS, (ctx, a) -> {
            Wire.conn(ctx).nodeDeviceDetach(a.name(), a.driverName(), a.flags());
            return null;
        });
        d.on(NODE_DEVICE_RE_ATTACH, (ctx, name) -> {
            Wire.conn(ctx).nodeDeviceReAttach(name);
            return null;
        });
        d.on(NODE_DEVICE_RESET, (ctx, name) -> {
            Wire.conn(ctx).nodeDeviceReset(name);
            return null;
        });
    }
}
