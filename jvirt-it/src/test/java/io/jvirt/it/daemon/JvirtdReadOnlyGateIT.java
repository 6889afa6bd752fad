package io.jvirt.it.daemon;

import io.jvirt.rpc.proto.ConnectMessages.OpenArgs;
import io.jvirt.rpc.proto.ConnectProcedures;
import io.jvirt.rpc.proto.Procedure;
import io.jvirt.rpc.proto.ProcedureTable;
import io.jvirt.rpc.proto.Program;
import io.jvirt.rpc.wire.Framing;
import io.jvirt.rpc.wire.Header;
import io.jvirt.rpc.wire.Limits;
import io.jvirt.rpc.wire.Message;
import io.jvirt.rpc.wire.MessageStatus;
import io.jvirt.rpc.wire.MessageType;
import io.jvirt.rpc.wire.RemoteError;
import io.jvirt.rpc.xdr.XdrReader;
import io.jvirt.rpc.xdr.XdrWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read-only gate, walked procedure by procedure against a running jvirtd: on its read-only
 * socket every call the protocol table marks read-write is refused with VIR_ERR_OPERATION_DENIED
 * before its arguments are even looked at; read-only calls are answered.
 */
class JvirtdReadOnlyGateIT {
    static final int OPERATION_DENIED = 29;
    @TempDir
    Path tmp;
    JvirtdProcess jvirtd;

    @BeforeEach
    void start() throws Exception {
        jvirtd = JvirtdProcess.system(tmp.resolve("sys"), "");
    }

    @AfterEach
    void stop() throws Exception {
        jvirtd.close();
    }

    private static <A> Message call(Procedure<A, ?> p, int serial, A args) {
        XdrWriter w = new XdrWriter();
        p.args().encode(w, args);
        return new Message(new Header(p.program().number(), p.program().version(), p.number(), MessageType.CALL, serial,
                MessageStatus.OK), w.toByteArray());
    }

    @Test
    void everyReadWriteProcedureIsDeniedOnTheReadOnlySocket() throws Exception {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(jvirtd.roSocket()));
            InputStream in = Channels.newInputStream(ch);
            OutputStream out = Channels.newOutputStream(ch);
            int serial = 1;
            Framing.write(out, call(ConnectProcedures.CONNECT_OPEN, serial++, new OpenArgs(null, 0)));
            assertEquals(MessageStatus.OK, Framing.read(in, Limits.MAX_LENGTH).header().status());

            List<String> denied = new ArrayList<>();
            for (Procedure<?, ?> p : ProcedureTable.all()) {
                if (p.kind() != Procedure.Kind.CALL || p.program() == Program.KEEPALIVE
                        || p == ConnectProcedures.CONNECT_OPEN || p == ConnectProcedures.CONNECT_CLOSE) {
                    continue; // (closing would end the walk)
                }
                // no arguments at all: the gate must answer from the table, before decoding
                Framing.write(out, new Message(new Header(p.program().number(), p.program().version(), p.number(),
                        MessageType.CALL, serial++, MessageStatus.OK), new byte[0]));
                Message reply = Framing.read(in, Limits.MAX_LENGTH);
                if (p.readOnly()) {
                    continue; // answered one way or another (often: bad arguments); the connection stays up
                }
                assertEquals(MessageStatus.ERROR, reply.header().status(), p.name());
                RemoteError err = RemoteError.XDR.decode(new XdrReader(reply.payload()));
                assertEquals(OPERATION_DENIED, err.code(), p.name() + ": " + err.message());
                assertTrue(err.message().startsWith("operation forbidden: read only access prevents vir"), err.message());
                denied.add(p.name());
            }
            assertTrue(denied.size() >= 40, "walked " + denied.size() + " read-write procedures: " + denied);
            assertTrue(denied.contains("DOMAIN_DESTROY") && denied.contains("DOMAIN_DEFINE_XML")
                    && denied.contains("DOMAIN_MONITOR_COMMAND"), denied.toString());

            // and a read-only call still works on the same connection
            Framing.write(out, call(ConnectProcedures.CONNECT_GET_TYPE, serial, null));
            Message type = Framing.read(in, Limits.MAX_LENGTH);
            assertEquals(MessageStatus.OK, type.header().status());
        }
    }
}
