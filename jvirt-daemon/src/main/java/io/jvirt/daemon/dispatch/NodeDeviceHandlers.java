package io.jvirt.daemon.dispatch;

import io.jvirt.Flags;
import io.jvirt.daemon.ClientSession;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;
import io.jvirt.rpc.conn.RpcServerConnection;
import io.jvirt.rpc.proto.NodeDeviceMessages.Lifecycle;
import io.jvirt.rpc.conn.Dispatcher;
import io.jvirt.rpc.proto.NodeDeviceMessages.ListAllReply;

import java.util.List;

import static io.jvirt.rpc.proto.NodeDeviceProcedures.*;

/** Host devices: NODE_DEVICE_*, NODE_*_DEVICES and CONNECT_LIST_ALL_NODE_DEVICES. */
final class NodeDeviceHandlers {
    /** VIR_NODE_DEVICE_EVENT_ID_*. */
    static final int LIFECYCLE = 0;
    static final int UPDATE = 1;

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
        d.on(CONNECT_NODE_DEVICE_EVENT_REGISTER_ANY, (ctx, a) -> {
            if (a.eventId() < 0 || a.eventId() > UPDATE) {
                throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.RPC,
                        "unsupported event ID " + a.eventId());
            }
            ClientSession s = Wire.session(ctx);
            var conn = s.conn();
            if (a.dev() != null) {
                conn.nodeDeviceLookupByName(a.dev());
            }
            int id = s.newCallbackId();
            RpcServerConnection client = ctx.connection();
            // events start after the reply (the client drops events of ids it does not know yet);
            // update events are never produced: their registrations just stay quiet
            ctx.afterReply(() -> s.addCallback(id, conn.addNodeDeviceEventListener(a.dev(), (dev, event, detail) -> {
                if (a.eventId() == LIFECYCLE) {
                    client.sendEvent(NODE_DEVICE_EVENT_LIFECYCLE, new Lifecycle(id, dev, event, detail));
                }
            })));
            return id;
        });
        d.on(CONNECT_NODE_DEVICE_EVENT_DEREGISTER_ANY, (ctx, id) -> {
            if (!Wire.session(ctx).removeCallback(id)) {
                throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.RPC,
                        "node device event callback " + id + " not registered");
            }
            return null;
        });
        d.on(NODE_DEVICE_RESET, (ctx, name) -> {
            Wire.conn(ctx).nodeDeviceReset(name);
            return null;
        });
    }
}
