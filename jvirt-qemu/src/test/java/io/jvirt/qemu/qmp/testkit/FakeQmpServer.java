package io.jvirt.qemu.qmp.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A scriptable QMP server on a UNIX socket, standing in for QEMU in unit tests.
 *
 * <p>It accepts one client, sends a greeting (unless told not to), answers {@code qmp_capabilities}
 * (unless told otherwise) and then queues every command for the test, which takes them with
 * {@link #next()} and answers them in any order with {@link #reply}, {@link #replyError}, interleaved
 * with {@link #event}s, raw lines, or a {@link #disconnect()}. In {@linkplain #autoReply auto mode}
 * a function answers every command instead, as in QEMU-replay tests. It reads the client's input as
 * a JSON stream, as QEMU does, so it needs no newlines between commands.
 *
 * <p>Thread-safe: a test may script it from several threads. Closing it closes the client
 * connection and the listening socket and deletes the socket file.
 */
public final class FakeQmpServer implements AutoCloseable {

    /** The greeting QEMU 7.2 sends, as captured from Debian's build. */
    public static final String GREETING_7_2 = "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 22, \"minor\": 2, "
            + "\"major\": 7}, \"package\": \"Debian 1:7.2+dfsg-7+deb12u18+b3\"}, \"capabilities\": [\"oob\"]}}";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A command as the server received it. */
    public record Command(String execute, JsonNode id, JsonNode arguments, ObjectNode message) {
        /** The id as text (our client always sends a string). */
        public String idText() {
            return id == null ? null : id.asText();
        }
    }

    /** How the server behaves when a client connects. */
    public enum Handshake {
        /** Greet, then answer qmp_capabilities with success. */
        NORMAL,
        /** Accept, but never send a greeting (like a monitor that already has a client). */
        SILENT,
        /** Greet, then refuse qmp_capabilities with an error. */
        REFUSE_CAPABILITIES,
        /** Greet, then close the connection when qmp_capabilities arrives. */
        CLOSE_ON_CAPABILITIES
    }

    private final Path socket;
    private final String greeting;
    private final Handshake handshake;
    private final ServerSocketChannel server;
    private final Thread acceptor;
    private final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();
    private final List<Command> handshakeCommands = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch accepted = new CountDownLatch(1);
    private final Object writeLock = new Object();
    private volatile SocketChannel client;
    private volatile Function<Command, String> responder;

    private FakeQmpServer(Path socket, String greeting, Handshake handshake) throws IOException {
        this.socket = socket;
        this.greeting = greeting;
        this.handshake = handshake;
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        this.acceptor = Thread.ofVirtual().name("fake-qmp-" + socket.getFileName()).start(this::serve);
    }

    /** Starts a server that greets like QEMU 7.2 and accepts {@code qmp_capabilities}. */
    public static FakeQmpServer start(Path socket) {
        return start(socket, GREETING_7_2, Handshake.NORMAL);
    }

    /** Starts a server with the given greeting line and handshake behaviour. */
    public static FakeQmpServer start(Path socket, String greeting, Handshake handshake) {
        try {
            return new FakeQmpServer(socket, greeting, handshake);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path socket() {
        return socket;
    }

    /** Waits until a client has connected. */
    public void awaitClient() throws InterruptedException {
        if (!accepted.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no client connected to " + socket);
        }
    }

    /** The commands received before the handshake completed (normally just qmp_capabilities). */
    public List<Command> handshakeCommands() {
        synchronized (handshakeCommands) {
            return List.copyOf(handshakeCommands);
        }
    }

    /** The next command after the handshake, waiting up to 10 s. */
    public Command next() throws InterruptedException {
        Command c = commands.poll(10, TimeUnit.SECONDS);
        if (c == null) {
            throw new AssertionError("no QMP command arrived at " + socket);
        }
        return c;
    }

    /** Answers every command from now on with {@code responder}'s reply line (id added by the server). */
    public void autoReply(Function<Command, String> responder) {
        this.responder = responder;
        Command c;
        while ((c = commands.poll()) != null) {
            answer(c, responder);
        }
    }

    /** Sends {@code {"return": RETURN_JSON, "id": ID}}. */
    public void reply(Command c, String returnJson) {
        send("{\"return\": " + returnJson + ", \"id\": " + c.id() + "}");
    }

    /** Sends {@code {"id": ID, "error": {"class": CLS, "desc": DESC}}}. */
    public void replyError(Command c, String errorClass, String desc) {
        ObjectNode msg = JSON.createObjectNode();
        msg.set("id", c.id());
        msg.putObject("error").put("class", errorClass).put("desc", desc);
        send(msg.toString());
    }

    /** Sends an event with a timestamp; {@code dataJson} may be null for none. */
    public void event(String name, String dataJson) {
        send("{\"timestamp\": {\"seconds\": 1700000000, \"microseconds\": 123456}, \"event\": \"" + name + "\""
                + (dataJson == null ? "" : ", \"data\": " + dataJson) + "}");
    }

    /** Sends one line as given, plus QEMU's {@code \r\n}. */
    public void send(String line) {
        sendBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Sends bytes as given (partial lines allowed). */
    public void sendBytes(byte[] bytes) {
        SocketChannel ch = client;
        if (ch == null) {
            throw new IllegalStateException("no client");
        }
        synchronized (writeLock) {
            try {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Closes the client connection: the client sees end of file. */
    public void disconnect() {
        SocketChannel ch = client;
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            disconnect();
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve() {
        try (SocketChannel ch = server.accept()) {
            client = ch;
            accepted.countDown();
            if (handshake == Handshake.SILENT) {
                drain(Channels.newInputStream(ch));
                return;
            }
            send(greeting);
            InputStream in = Channels.newInputStream(ch);
            try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(in)) {
                boolean negotiated = false;
                while (it.hasNextValue()) {
                    JsonNode msg = it.nextValue();
                    Command c = toCommand(msg);
                    if (!negotiated) {
                        handshakeCommands.add(c);
                        if (!"qmp_capabilities".equals(c.execute())) {
                            replyError(c, "CommandNotFound", "Expecting capabilities negotiation with 'qmp_capabilities'");
                            continue;
                        }
                        switch (handshake) {
                            case REFUSE_CAPABILITIES -> replyError(c, "GenericError", "capabilities refused by test");
                            case CLOSE_ON_CAPABILITIES -> {
                                return;
                            }
                            default -> {
                                reply(c, "{}");
                                negotiated = true;
                            }
                        }
                        continue;
                    }
                    Function<Command, String> r = responder;
                    if (r != null) {
                        answer(c, r);
                    } else {
                        commands.add(c);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // client went away, or the server was closed: the test decides whether that matters
        }
    }

    private void answer(Command c, Function<Command, String> r) {
        String line = r.apply(c);
        if (line != null) {
            try {
                ObjectNode reply = (ObjectNode) JSON.readTree(line);
                reply.set("id", c.id());
                send(reply.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        while (in.read(buf) >= 0) {
            // discard
        }
    }

    private static Command toCommand(JsonNode msg) {
        Objects.requireNonNull(msg);
        JsonNode exec = msg.has("execute") ? msg.get("execute") : msg.get("exec-oob");
        return new Command(exec == null ? null : exec.asText(), msg.get("id"), msg.get("arguments"), (ObjectNode) msg);
    }
}
