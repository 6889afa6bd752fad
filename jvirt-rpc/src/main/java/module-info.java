/**
 * libvirt's remote protocol in Java: the XDR codec, message framing, the procedure tables and
 * transport-agnostic server and client connections. Knows no driver and no domain logic.
 */
module io.jvirt.rpc {
    requires io.jvirt.core;

    exports io.jvirt.rpc.xdr;
    exports io.jvirt.rpc.wire;
    exports io.jvirt.rpc.proto;
    exports io.jvirt.rpc.conn;
    exports io.jvirt.rpc.tls;

    provides io.jvirt.spi.DriverFactory with io.jvirt.remote.RemoteDriverFactory;
}
