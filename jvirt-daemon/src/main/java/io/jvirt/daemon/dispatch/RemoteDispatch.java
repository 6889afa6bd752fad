package io.jvirt.daemon.dispatch;

import io.jvirt.error.ErrorDomain;
import io.jvirt.rpc.conn.Dispatcher;
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
        return d;
    }
}
