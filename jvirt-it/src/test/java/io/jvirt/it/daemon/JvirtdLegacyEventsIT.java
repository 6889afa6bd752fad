package io.jvirt.it.daemon;

import io.jvirt.rpc.proto.ConnectMessages.OpenArgs;
import io.jvirt.rpc.proto.ConnectProcedures;
import io.jvirt.rpc.proto.DomainProcedures;
import io.jvirt.rpc.proto.EventMessages;
import io.jvirt.rpc.proto.EventProcedures;
import io.jvirt.rpc.proto.Procedure;
import io.jvirt.rpc.wire.Framing;
import io.jvirt.rpc.wire.Header;
import io.jvirt.rpc.wire.Limits;
import io.jvirt.rpc.wire.Message;
import io.jvirt.rpc.wire.MessageStatus;
import io.jvirt.rpc.wire.MessageType;
import io.jvirt.rpc.wire.WireDomain;
import io.jvirt.rpc.xdr.XdrReader;
import io.jvirt.rpc.xdr.XdrWriter;
import io.jvirt.qemu.testing.TestGuest;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The legacy event registrations older libvirt clients use, on the raw wire: events arrive as
 * DOMAIN_EVENT_LIFECYCLE messages without a callback id, and stop after deregistering.
 */
class JvirtdLegacyEventsIT {
    @TempDir
    Path tmp;
    JvirtdProcess jvirtd;
    InputStream in;
    OutputStream out;
    int serial = 1;
    final List<EventMessages.Lifecycle> events = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        jvirtd = new JvirtdProcess(tmp.resolve("home")).start();
    }

    @AfterEach
    void stop() throws Exception {
        jvirtd.close();
    }

    /** Calls {@code p} and returns its reply payload, collecting any lifecycle events read meanwhile. */
    private <A, R> R call(Procedure<A, R> p, A args) throws Exception {
        XdrWriter w = new XdrWriter();
        p.args().encode(w, args);
        int s = serial++;
        Framing.write(out, new Message(new Header(p.program().number(), p.program().version(), p.number(),
                MessageType.CALL, s, MessageStatus.OK), w.toByteArray()));
        while (true) {
            Message m = Framing.read(in, Limits.MAX_LENGTH);
            if (m.header().type() == MessageType.MESSAGE) {
                collect(m);
                continue;
            }
            assertEquals(s, m.header().serial());
            assertEquals(MessageStatus.OK, m.header().status(), p.name());
            return p.ret().decode(new XdrReader(m.payload()));
        }
    }

    /** Events are asynchronous: round trips (which read what arrived meanwhile) until there are {@code n}. */
    private void awaitEvents(int n) throws Exception {
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (events.size() < n && System.nanoTime() < end) {
            call(ConnectProcedures.CONNECT_GET_TYPE, null);
            Thread.sleep(20);
        }
    }

    /** Round trips for a while, collecting any stray event. */
    private void settle() throws Exception {
        for (int i = 0; i < 15; i++) {
            call(ConnectProcedures.CONNECT_GET_TYPE, null);
            Thread.sleep(20);
        }
    }

    private void collect(Message m) {
        assertEquals(EventProcedures.DOMAIN_EVENT_LIFECYCLE.number(), m.header().procedure(), "only legacy events");
        events.add(EventMessages.Lifecycle.XDR.decode(new XdrReader(m.payload())));
    }

    @Test
    void legacyRegistrationDeliversLifecycleEventsUntilDeregistered() throws Exception {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(jvirtd.socket));
            in = Channels.newInputStream(ch);
            out = Channels.newOutputStream(ch);
            call(ConnectProcedures.CONNECT_OPEN, new OpenArgs(null, 0));
            assertEquals(1, call(EventProcedures.CONNECT_DOMAIN_EVENT_REGISTER, null));
            WireDomain d = call(DomainProcedures.DOMAIN_DEFINE_XML, TestGuest.xml("legacy", tmp.resolve("s.log")));
            awaitEvents(1);
            assertEquals(1, events.size(), events.toString());
            assertEquals("legacy", events.getFirst().dom().name());
            assertEquals(0, events.getFirst().event(), "VIR_DOMAIN_EVENT_DEFINED");
            assertEquals(0, events.getFirst().detail(), "VIR_DOMAIN_EVENT_DEFINED_ADDED");

            assertEquals(0, call(EventProcedures.CONNECT_DOMAIN_EVENT_DEREGISTER, null));
            call(DomainProcedures.DOMAIN_UNDEFINE, d);
            settle();
            assertEquals(1, events.size(), "nothing after deregistering: " + events);

            call(EventProcedures.CONNECT_DOMAIN_EVENT_REGISTER_ANY, 0);
            d = call(DomainProcedures.DOMAIN_DEFINE_XML, TestGuest.xml("legacy2", tmp.resolve("s.log")));
            call(DomainProcedures.DOMAIN_UNDEFINE, d);
            awaitEvents(3);
            assertEquals(List.of("legacy2:0", "legacy2:1"), events.subList(1, events.size()).stream()
                    .map(e -> e.dom().name() + ":" + e.event()).toList(), "defined then undefined");
            call(EventProcedures.CONNECT_DOMAIN_EVENT_DEREGISTER_ANY, 0);
            call(DomainProcedures.DOMAIN_DEFINE_XML, TestGuest.xml("legacy3", tmp.resolve("s.log")));
            settle();
            assertTrue(events.stream().noneMatch(e -> e.dom().name().equals("legacy3")), events.toString());
        }
    }
}
