package io.jvirt.rpc.proto;

import static io.jvirt.rpc.wire.WireTypes.OPT_STRING;
import static io.jvirt.rpc.wire.WireTypes.STRING;
import static io.jvirt.rpc.xdr.XdrType.INT;
import static io.jvirt.rpc.xdr.XdrType.UINT;
import static io.jvirt.rpc.xdr.XdrType.array;
import static io.jvirt.rpc.xdr.XdrType.field;
import static io.jvirt.rpc.xdr.XdrType.struct;

import java.util.List;

import io.jvirt.rpc.xdr.XdrType;

/**
 * Arguments and return values of the node device procedures ({@link NodeDeviceProcedures}). A
 * device travels as {@code remote_nonnull_node_device}, a struct of one string (its name), which
 * encodes exactly as the bare string; so names are plain strings here.
 */
public final class NodeDeviceMessages {
    private NodeDeviceMessages() {
    }

    /** {@code REMOTE_NODE_DEVICE_LIST_MAX}, {@code REMOTE_NODE_DEVICE_CAPS_LIST_MAX}. */
    static final int LIST_MAX = 65_536;

    /**
     * {@code NODE_NUM_OF_DEVICES} arguments.
     *
     * @param cap a capability name, or null for every device
     * @param flags none defined
     */
    public record NumArgs(String cap, int flags) {
        public static final XdrType<NumArgs> XDR = struct(NumArgs::new, field(NumArgs::cap, OPT_STRING),
                field(NumArgs::flags, UINT));
    }

    /**
     * {@code NODE_LIST_DEVICES} arguments.
     *
     * @param cap a capability name, or null for every device
     * @param maxnames at most this many names
     * @param flags none defined
     */
    public record ListArgs(String cap, int maxnames, int flags) {
        public static final XdrType<ListArgs> XDR = struct(ListArgs::new, field(ListArgs::cap, OPT_STRING),
                field(ListArgs::maxnames, INT), field(ListArgs::flags, UINT));
    }

    /**
     * {@code CONNECT_LIST_ALL_NODE_DEVICES} arguments.
     *
     * @param needResults 0 to count only
     * @param flags capability and state filters
     */
    public record ListAllArgs(int needResults, int flags) {
        public static final XdrType<ListAllArgs> XDR = struct(ListAllArgs::new,
                field(ListAllArgs::needResults, INT), field(ListAllArgs::flags, UINT));
    }

    /**
     * {@code CONNECT_LIST_ALL_NODE_DEVICES} result.
     *
     * @param devices the matching devices' names (empty when counting)
     * @param ret their number
     */
    public record ListAllReply(List<String> devices, int ret) {
        public static final XdrType<ListAllReply> XDR = struct(ListAllReply::new,
                field(ListAllReply::devices, array(STRING, LIST_MAX)), field(ListAllReply::ret, UINT));

        public ListAllReply {
            devices = List.copyOf(devices);
        }
    }

    /**
     * {@code name; u32 flags}: NODE_DEVICE_GET_XML_DESC arguments.
     *
     * @param name the device
     * @param flags {@code VIR_NODE_DEVICE_XML_INACTIVE}
     */
    public record NameFlags(String name, int flags) {
        public static final XdrType<NameFlags> XDR = struct(NameFlags::new, field(NameFlags::name, STRING),
                field(NameFlags::flags, UINT));
    }

    /**
     * {@code NODE_DEVICE_LIST_CAPS} arguments.
     *
     * @param name the device
     * @param maxnames at most this many capability names
     */
    public record ListCapsArgs(String name, int maxnames) {
        public static final XdrType<ListCapsArgs> XDR = struct(ListCapsArgs::new, field(ListCapsArgs::name, STRING),
                field(ListCapsArgs::maxnames, INT));
    }

    /**
     * {@code NODE_DEVICE_DETACH_FLAGS} arguments.
     *
     * @param name the device
     * @param driverName the stub ("vfio"), or null for the default
     * @param flags none defined
     */
    public record DetachArgs(String name, String driverName, int flags) {
        public static final XdrType<DetachArgs> XDR = struct(DetachArgs::new, field(DetachArgs::name, STRING),
                field(DetachArgs::driverName, OPT_STRING), field(DetachArgs::flags, UINT));
    }

    /**
     * {@code CONNECT_NODE_DEVICE_EVENT_REGISTER_ANY} arguments.
     *
     * @param eventId {@code VIR_NODE_DEVICE_EVENT_ID_*}: 0 lifecycle, 1 update
     * @param dev the device to hear about, or null for all
     */
    public record EventRegisterArgs(int eventId, String dev) {
        public static final XdrType<EventRegisterArgs> XDR = struct(EventRegisterArgs::new,
                field(EventRegisterArgs::eventId, INT), field(EventRegisterArgs::dev, OPT_STRING));
    }

    /**
     * {@code NODE_DEVICE_EVENT_LIFECYCLE}: a device appeared (0) or went away (1).
     *
     * @param callbackId the registration
     * @param dev the device
     * @param event {@code VIR_NODE_DEVICE_EVENT_*}
     * @param detail none defined (0)
     */
    public record Lifecycle(int callbackId, String dev, int event, int detail) {
        public static final XdrType<Lifecycle> XDR = struct(Lifecycle::new, field(Lifecycle::callbackId, INT),
                field(Lifecycle::dev, STRING), field(Lifecycle::event, INT), field(Lifecycle::detail, INT));
    }

    /**
     * {@code NODE_DEVICE_EVENT_UPDATE}: a device's description changed.
     *
     * @param callbackId the registration
     * @param dev the device
     */
    public record Update(int callbackId, String dev) {
        public static final XdrType<Update> XDR = struct(Update::new, field(Update::callbackId, INT),
                field(Update::dev, STRING));
    }
}
