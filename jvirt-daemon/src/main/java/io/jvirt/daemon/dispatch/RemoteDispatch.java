package io.jvirt.daemon.dispatch;

import io.jvirt.error.ErrorDomain;
import io.jvirt.rpc.conn.Dispatcher;
import io.jvirt.rpc.proto.ConnectProcedures;
import io.jvirt.rpc.proto.DomainProcedures;
import io.jvirt.spi.ConnectDriver;

import java.util.function.Function;

/**
 * The whole procedure table jvirtd serves: every handler calls the {@link ConnectDriver} of the
 * client's session, which is the same driver code embedded mode runs. Procedures without a
 * handler answer VIR_ERR_NO_SUPPORT; the read-only gate comes from the protocol table.
 */
public final class RemoteDispatch {
    private RemoteDispatch() {
    }

    /** A dispatcher whose CONNECT_OPEN opens driver connections with {@code opener} (URI name to driver). */
    public static Dispatcher build(Function<String, ConnectDriver> opener) {
        Dispatcher d = new Dispatcher(ErrorDomain.QEMU);
        HostHandlers.register(d, opener);
        DomainHandlers.register(d);
        EventHandlers.register(d);
        QemuHandlers.register(d);
        SecretHandlers.register(d);
        NodeDeviceHandlers.register(d);
        TuningHandlers.register(d);
        // lookups of the driver's in-memory state (DomainQueries never takes a job): they answer
        // from the connection's reader, without a thread hand-off (most of what virsh list and
        // dominfo send)
        d.runOnReader(DomainProcedures.DOMAIN_LOOKUP_BY_ID, DomainProcedures.DOMAIN_LOOKUP_BY_NAME,
                DomainProcedures.DOMAIN_LOOKUP_BY_UUID, DomainProcedures.DOMAIN_GET_STATE,
                DomainProcedures.DOMAIN_GET_INFO, DomainProcedures.DOMAIN_IS_ACTIVE,
                DomainProcedures.DOMAIN_IS_PERSISTENT, DomainProcedures.DOMAIN_GET_AUTOSTART,
                DomainProcedures.DOMAIN_SNAPSHOT_NUM, DomainProcedures.DOMAIN_HAS_MANAGED_SAVE_IMAGE,
                DomainProcedures.DOMAIN_GET_XML_DESC, ConnectProcedures.CONNECT_LIST_ALL_DOMAINS);
        return d;
    }
}
