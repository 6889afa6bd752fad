package io.jvirt.rpc.proto;

import static io.jvirt.rpc.proto.Defs.RO;
import static io.jvirt.rpc.proto.Defs.RW;
import static io.jvirt.rpc.proto.Priority.HIGH;
import static io.jvirt.rpc.proto.Priority.LOW;
import static io.jvirt.rpc.wire.WireTypes.OPT_STRING;
import static io.jvirt.rpc.wire.WireTypes.STRING;
import static io.jvirt.rpc.xdr.XdrType.INT;
import static io.jvirt.rpc.xdr.XdrType.VOID;
import static io.jvirt.rpc.xdr.XdrType.array;

import java.util.List;

import io.jvirt.rpc.proto.NodeDeviceMessages.DetachArgs;
import io.jvirt.rpc.proto.NodeDeviceMessages.EventRegisterArgs;
import io.jvirt.rpc.proto.NodeDeviceMessages.Lifecycle;
import io.jvirt.rpc.proto.NodeDeviceMessages.Update;
import io.jvirt.rpc.proto.NodeDeviceMessages.ListAllArgs;
import io.jvirt.rpc.proto.NodeDeviceMessages.ListAllReply;
import io.jvirt.rpc.proto.NodeDeviceMessages.ListArgs;
import io.jvirt.rpc.proto.NodeDeviceMessages.ListCapsArgs;
import io.jvirt.rpc.proto.NodeDeviceMessages.NameFlags;
import io.jvirt.rpc.proto.NodeDeviceMessages.NumArgs;

/**
 * REMOTE procedures on host (node) devices: listing, XML, parent and capabilities, and the PCI
 * detach/reattach/reset that prepare a device for assignment. Not in remote-protocol.md: numbers
 * and layouts from go-libvirt's generated protocol. Detach, reattach and reset change the host and
 * are refused on read-only connections, as libvirt's public API refuses them.
 */
public final class NodeDeviceProcedures {
    private NodeDeviceProcedures() {
    }

    private static final Defs D = new Defs(Program.REMOTE);

    public static final Procedure<NumArgs, Integer> NODE_NUM_OF_DEVICES = D.call(111, "NODE_NUM_OF_DEVICES", NumArgs.XDR, INT, RO, HIGH);
    public static final Procedure<ListArgs, List<String>> NODE_LIST_DEVICES = D.call(112, "NODE_LIST_DEVICES", ListArgs.XDR, array(STRING, NodeDeviceMessages.LIST_MAX), RO, HIGH);
    public static final Procedure<String, String> NODE_DEVICE_LOOKUP_BY_NAME = D.call(113, "NODE_DEVICE_LOOKUP_BY_NAME", STRING, STRING, RO, HIGH);
    public static final Procedure<NameFlags, String> NODE_DEVICE_GET_XML_DESC = D.call(114, "NODE_DEVICE_GET_XML_DESC", NameFlags.XDR, STRING, RO, HIGH);
    /** Result: the parent's name, null for the root device. */
    public static final Procedure<String, String> NODE_DEVICE_GET_PARENT = D.call(115, "NODE_DEVICE_GET_PARENT", STRING, OPT_STRING, RO, HIGH);
    public static final Procedure<String, Integer> NODE_DEVICE_NUM_OF_CAPS = D.call(116, "NODE_DEVICE_NUM_OF_CAPS", STRING, INT, RO, HIGH);
    public static final Procedure<ListCapsArgs, List<String>> NODE_DEVICE_LIST_CAPS = D.call(117, "NODE_DEVICE_LIST_CAPS", ListCapsArgs.XDR, array(STRING, NodeDeviceMessages.LIST_MAX), RO, HIGH);
    public static final Procedure<String, Void> NODE_DEVICE_DETTACH = D.call(118, "NODE_DEVICE_DETTACH", STRING, VOID, RW, LOW);
    public static final Procedure<String, Void> NODE_DEVICE_RE_ATTACH = D.call(119, "NODE_DEVICE_RE_ATTACH", STRING, VOID, RW, LOW);
    public static final Procedure<String, Void> NODE_DEVICE_RESET = D.call(120, "NODE_DEVICE_RESET", STRING, VOID, RW, LOW);
    public static final Procedure<ListAllArgs, ListAllReply> CONNECT_LIST_ALL_NODE_DEVICES = D.call(285, "CONNECT_LIST_ALL_NODE_DEVICES", ListAllArgs.XDR, ListAllReply.XDR, RO, HIGH);
    public static final Procedure<DetachArgs, Void> NODE_DEVICE_DETACH_FLAGS = D.call(301, "NODE_DEVICE_DETACH_FLAGS", DetachArgs.XDR, VOID, RW, LOW);
    /** Result: 1 if the device starts with the host. */
    /** Result: the callback id the events will carry. */
    public static final Procedure<EventRegisterArgs, Integer> CONNECT_NODE_DEVICE_EVENT_REGISTER_ANY = D.call(374, "CONNECT_NODE_DEVICE_EVENT_REGISTER_ANY", EventRegisterArgs.XDR, INT, RO, HIGH);
    public static final Procedure<Integer, Void> CONNECT_NODE_DEVICE_EVENT_DEREGISTER_ANY = D.call(375, "CONNECT_NODE_DEVICE_EVENT_DEREGISTER_ANY", INT, VOID, RO, HIGH);
    public static final Procedure<Lifecycle, Void> NODE_DEVICE_EVENT_LIFECYCLE = D.message(376, "NODE_DEVICE_EVENT_LIFECYCLE", Lifecycle.XDR);
    public static final Procedure<Update, Void> NODE_DEVICE_EVENT_UPDATE = D.message(377, "NODE_DEVICE_EVENT_UPDATE", Update.XDR);
    public static final Procedure<String, Integer> NODE_DEVICE_GET_AUTOSTART = D.call(433, "NODE_DEVICE_GET_AUTOSTART", STRING, INT, RO, HIGH);
    public static final Procedure<String, Integer> NODE_DEVICE_IS_PERSISTENT = D.call(435, "NODE_DEVICE_IS_PERSISTENT", STRING, INT, RO, HIGH);
    public static final Procedure<String, Integer> NODE_DEVICE_IS_ACTIVE = D.call(436, "NODE_DEVICE_IS_ACTIVE", STRING, INT, RO, HIGH);

    static List<Procedure<?, ?>> all() {
        return D.all();
    }
}
