package io.jvirt.daemon.dispatch;

import io.jvirt.ByteStream;
import io.jvirt.daemon.ClientSession;
import io.jvirt.rpc.conn.Dispatcher;
import io.jvirt.rpc.conn.RpcServerConnection;
import io.jvirt.rpc.conn.StreamId;
import io.jvirt.rpc.conn.StreamPacket;
import io.jvirt.rpc.wire.MessageStatus;

import java.io.IOException;
import java.io.InputStream;

import static io.jvirt.rpc.proto.DomainProcedures.DOMAIN_OPEN_CONSOLE;
import static io.jvirt.rpc.proto.QemuProcedures.DOMAIN_MONITOR_COMMAND;

/** The QEMU program's monitor command, and the console stream. */
final class QemuHandlers {
    private QemuHandlers() {
    }

    static void register(Dispatcher d) {
        d.on(DOMAIN_MONITOR_COMMAND, (ctx, a) -> Wire.conn(ctx).qemuMonitorCommand(Wire.ref(a.dom()), a.cmd(), a.flags()));
        d.on(DOMAIN_OPEN_CONSOLE, (ctx, a) -> {
            ClientSession s = Wire.session(ctx);
            ByteStream console = s.conn().openConsole(Wire.ref(a.dom()), a.devName(), a.flags() & ~3);
            StreamId id = ctx.streamId();
            s.addStream(id, console);
            RpcServerConnection client = ctx.connection();
            ctx.afterReply(() -> Thread.ofVirtual().name("console-" + a.dom().name()).start(() -> pump(client, s, id, console)));
            return null;
        });
        d.onStream(QemuHandlers::fromClient);
    }

    /** Guest console output to the client until the console or the stream ends. */
    private static void pump(RpcServerConnection client, ClientSession s, StreamId id, ByteStream console) {
        byte[] buf = new byte[16384];
        InputStream in = console.input();
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (!client.sendStreamData(id, java.util.Arrays.copyOf(buf, n))) {
                    break;
                }
            }
        } catch (IOException e) {
            // the guest side is gone
        }
        if (s.removeStream(id) != null) {
            console.close();
            client.finishStream(id);
        }
    }

    /** Keyboard data from the client, or its end of the stream. */
    private static void fromClient(RpcServerConnection client, StreamPacket p) {
        if (!(client.attachment() instanceof ClientSession s)) {
            return;
        }
        ByteStream console = s.stream(p.stream());
        if (console == null) {
            return;
        }
        if (p.status() == MessageStatus.CONTINUE) {
            try {
                console.output().write(p.data());
                console.output().flush();
            } catch (IOException e) {
                s.removeStream(p.stream());
                console.close();
            }
        } else {
            s.removeStream(p.stream());
            console.close();
        }
    }
}
