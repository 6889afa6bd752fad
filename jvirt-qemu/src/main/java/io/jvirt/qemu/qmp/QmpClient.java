package io.jvirt.qemu.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationFailedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Typed QMP commands: one method per command, named after it in camelCase, returning records.
 *
 * <p>Every method blocks the calling thread (use a virtual thread) until QEMU replies, and throws
 * what {@link QmpConnection#execute(String, ObjectNode, Duration)} throws: {@link QmpException} for
 * an error reply, {@link io.jvirt.error.OperationTimeoutException} when the reply is late (the
 * default timeout, or {@link QmpOptions#slowCommandTimeout()} for commands that may take long), and
 * {@link MonitorClosedException} when the monitor is gone. A reply whose shape contradicts the QAPI
 * schema is an {@link OperationFailedException} naming the command.
 *
 * <p>Thread-safe: any thread may call any method, concurrently. The client owns its connection:
 * {@link #close()} closes it. Commands without a typed method go through {@link #connection()}.
 */
public final class QmpClient implements AutoCloseable {

    private final QmpConnection connection;

    /** Wraps an open connection, which this client now owns. */
    public QmpClient(QmpConnection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /**
     * Connects to the QMP socket at {@code socket} ({@link QmpTransport#connect}) and opens a
     * connection on it ({@link QmpConnection#open}); see those for the exceptions and for the rules
     * the sink and listener must follow.
     *
     * @return a client the caller owns and must close
     */
    public static QmpClient connect(Path socket, QmpOptions options, Consumer<QmpEvent> eventSink,
                                    QmpConnection.CloseListener closeListener) {
        QmpTransport transport = QmpTransport.connect(socket, options);
        try {
            return new QmpClient(QmpConnection.open(transport, options, eventSink, closeListener));
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    /** The underlying connection, for commands without a typed method. */
    public QmpConnection connection() {
        return connection;
    }

    /** What QEMU said when we connected (its version, among others). */
    public QmpGreeting greeting() {
        return connection.greeting();
    }

    // ---- run state ----

    /** {@code query-status}. */
    public QmpStatus queryStatus() {
        return decode("query-status", run("query-status"), QmpStatus::fromJson);
    }

    /** {@code cont}: starts or resumes the vCPUs; QEMU then emits {@code RESUME}. */
    public void cont() {
        run("cont");
    }

    /** {@code stop}: pauses the vCPUs; QEMU then emits {@code STOP}. */
    public void stop() {
        run("stop");
    }

    /** {@code system_powerdown}: presses the ACPI power button; the guest decides what to do. */
    public void systemPowerdown() {
        run("system_powerdown");
    }

    /** {@code system_reset}: resets the machine; QEMU then emits {@code RESET}. */
    public void systemReset() {
        run("system_reset");
    }

    /**
     * {@code quit}: QEMU emits {@code SHUTDOWN}, replies and exits, closing the monitor. If the
     * monitor reaches end of file before the reply arrives, the command still did what it was
     * asked, so that is success too; the close listener is told either way.
     */
    public void quit() {
        try {
            run("quit");
        } catch (MonitorClosedException e) {
            if (e.reason() != MonitorClosedException.Reason.EOF) {
                throw e;
            }
        }
    }

    // ---- probing ----

    /** {@code query-version}. */
    public QmpVersion queryVersion() {
        return decode("query-version", run("query-version"), QmpVersion::fromJson);
    }

    /** {@code query-machines}. */
    public List<QmpMachine> queryMachines() {
        return decodeList("query-machines", run("query-machines"), QmpMachine::fromJson);
    }

    /** {@code query-cpu-definitions}. */
    public List<QmpCpuDefinition> queryCpuDefinitions() {
        return decodeList("query-cpu-definitions", run("query-cpu-definitions"), QmpCpuDefinition::fromJson);
    }

    /** {@code query-kvm}. */
    public QmpKvmInfo queryKvm() {
        return decode("query-kvm", run("query-kvm"), QmpKvmInfo::fromJson);
    }

    /** {@code qom-list-types}: every concrete QOM type. */
    public List<QmpObjectType> qomListTypes() {
        return qomListTypes(null, false);
    }

    /**
     * {@code qom-list-types}.
     *
     * @param implementsType only types implementing this one (e.g. {@code virtio-device}), or null for all
     * @param includeAbstract whether to list abstract types too
     */
    public List<QmpObjectType> qomListTypes(String implementsType, boolean includeAbstract) {
        ObjectNode args = args();
        if (implementsType != null) {
            args.put("implements", implementsType);
        }
        if (includeAbstract) {
            args.put("abstract", true);
        }
        return decodeList("qom-list-types", run("qom-list-types", args), QmpObjectType::fromJson);
    }

    /** {@code query-commands}: the names of every command this QEMU accepts. */
    public List<String> queryCommands() {
        return decodeList("query-commands", run("query-commands"), c -> Replies.text(c, "name"));
    }

    // ---- memory ----

    /** {@code query-balloon}; a {@link QmpException} of class {@code DeviceNotActive} when there is no balloon. */
    public QmpBalloonInfo queryBalloon() {
        return decode("query-balloon", run("query-balloon"), QmpBalloonInfo::fromJson);
    }

    /**
     * {@code balloon}: asks the guest to resize its memory to {@code bytes}; completion shows as
     * {@code BALLOON_CHANGE} events.
     */
    public void balloon(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("balloon target must be positive, got " + bytes);
        }
        ObjectNode args = args();
        args.put("value", bytes);
        run("balloon", args);
    }

    // ---- devices ----

    /** {@code query-chardev}: among others, the paths of pty backends. */
    public List<QmpChardev> queryChardev() {
        return decodeList("query-chardev", run("query-chardev"), QmpChardev::fromJson);
    }

    /** {@code query-block}. */
    public List<QmpBlockInfo> queryBlock() {
        return decodeList("query-block", run("query-block"), QmpBlockInfo::fromJson);
    }

    /** {@code query-blockstats}. */
    public List<QmpBlockStats> queryBlockstats() {
        return decodeList("query-blockstats", run("query-blockstats"), QmpBlockStats::fromJson);
    }

    /**
     * {@code device_add}, with the slow-command timeout.
     *
     * @param props the device's properties, {@code driver} and {@code id} among them
     */
    public void deviceAdd(ObjectNode props) {
        requireMember(props, "driver", "device_add");
        runSlow("device_add", props);
    }

    /**
     * {@code device_del}. Returns once QEMU accepted the request; the device is gone only when
     * {@code DEVICE_DELETED} arrives, which may be never if the guest does not cooperate.
     */
    public void deviceDel(String id) {
        ObjectNode args = args();
        args.put("id", Objects.requireNonNull(id, "id"));
        run("device_del", args);
    }

    /** {@code blockdev-add}, with the slow-command timeout (opening an image may take long). */
    public void blockdevAdd(ObjectNode props) {
        requireMember(props, "driver", "blockdev-add");
        runSlow("blockdev-add", props);
    }

    /** {@code blockdev-del}, with the slow-command timeout. */
    public void blockdevDel(String nodeName) {
        ObjectNode args = args();
        args.put("node-name", Objects.requireNonNull(nodeName, "nodeName"));
        runSlow("blockdev-del", args);
    }

    /** {@code netdev_add}, with the slow-command timeout; {@code props} holds {@code type} and {@code id}. */
    public void netdevAdd(ObjectNode props) {
        requireMember(props, "type", "netdev_add");
        runSlow("netdev_add", props);
    }

    /** {@code netdev_del}. */
    public void netdevDel(String id) {
        ObjectNode args = args();
        args.put("id", Objects.requireNonNull(id, "id"));
        run("netdev_del", args);
    }

    // ---- migration ----

    /** {@code migrate}: starts migrating to {@code uri}; returns at once, follow with {@link #queryMigrate()}. */
    public void migrate(String uri) {
        ObjectNode args = args();
        args.put("uri", Objects.requireNonNull(uri, "uri"));
        run("migrate", args);
    }

    /** {@code migrate-incoming}: for a QEMU started with {@code -incoming defer}. */
    public void migrateIncoming(String uri) {
        ObjectNode args = args();
        args.put("uri", Objects.requireNonNull(uri, "uri"));
        run("migrate-incoming", args);
    }

    /** {@code query-migrate}. */
    public QmpMigrationInfo queryMigrate() {
        return decode("query-migrate", run("query-migrate"), QmpMigrationInfo::fromJson);
    }

    // ---- passthrough ----

    /**
     * {@code human-monitor-command}, with the slow-command timeout (HMP commands such as
     * {@code savevm} can take long). Returns HMP's output, {@code \r\n}-terminated lines.
     */
    public String humanMonitorCommand(String commandLine) {
        ObjectNode args = args();
        args.put("command-line", Objects.requireNonNull(commandLine, "commandLine"));
        JsonNode ret = runSlow("human-monitor-command", args);
        if (!ret.isTextual()) {
            throw malformed("human-monitor-command", "return value is not a string: " + Replies.abbreviate(ret.toString()));
        }
        return ret.textValue();
    }

    /**
     * Raw passthrough for {@code qemu-monitor-command}, with the slow-command timeout; see
     * {@link QmpConnection#executeRaw} for how ids are handled.
     */
    public String executeRaw(String json) {
        return connection.executeRaw(json, connection.options().slowCommandTimeout());
    }

    /** As {@link #executeRaw(String)} with an explicit timeout. */
    public String executeRaw(String json, Duration timeout) {
        return connection.executeRaw(json, timeout);
    }

    /**
     * {@code set-action}: what QEMU does on a guest shutdown ({@code "poweroff"}: exit, or
     * {@code "pause"}: stop and stay, like {@code -no-shutdown}).
     */
    public void setShutdownAction(String action) {
        ObjectNode args = args();
        args.put("shutdown", Objects.requireNonNull(action, "action"));
        connection.execute("set-action", args);
    }

    /** {@code query-hotpluggable-cpus}: every CPU slot, with its properties and whether it is plugged. */
    public JsonNode queryHotpluggableCpus() {
        return connection.execute("query-hotpluggable-cpus");
    }

    /** The number of vCPUs QEMU runs now ({@code query-cpus-fast}). */
    public int vcpuCount() {
        return connection.execute("query-cpus-fast").size();
    }

    /** {@code query-cpus-fast}: the host thread id of each vCPU, by vCPU index. */
    public java.util.Map<Integer, Long> vcpuThreadIds() {
        java.util.Map<Integer, Long> out = new java.util.TreeMap<>();
        for (JsonNode c : connection.execute("query-cpus-fast")) {
            out.put(c.path("cpu-index").asInt(), c.path("thread-id").asLong());
        }
        return out;
    }

    /** {@code query-iothreads}: the host thread id of each IOThread, by its QOM id ("iothread1"). */
    public java.util.Map<String, Long> iothreadThreadIds() {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (JsonNode t : connection.execute("query-iothreads")) {
            out.put(t.path("id").asText(), t.path("thread-id").asLong());
        }
        return out;
    }

    /** Closes the connection; see {@link QmpConnection#close()}. */
    @Override
    public void close() {
        connection.close();
    }

    // ---- helpers ----

    private JsonNode run(String command) {
        return connection.execute(command, null, connection.options().commandTimeout());
    }

    private JsonNode run(String command, ObjectNode args) {
        return connection.execute(command, args, connection.options().commandTimeout());
    }

    private JsonNode runSlow(String command, ObjectNode args) {
        return connection.execute(command, args, connection.options().slowCommandTimeout());
    }

    private static ObjectNode args() {
        return QmpJson.MAPPER.createObjectNode();
    }

    private static void requireMember(ObjectNode props, String member, String command) {
        Objects.requireNonNull(props, "props");
        if (!props.path(member).isTextual()) {
            throw new IllegalArgumentException(command + " properties need a string '" + member + "': " + props);
        }
    }

    private static <T> T decode(String command, JsonNode ret, Function<JsonNode, T> decoder) {
        if (!ret.isObject()) {
            throw malformed(command, "return value is not an object: " + Replies.abbreviate(ret.toString()));
        }
        try {
            return decoder.apply(ret);
        } catch (Replies.Malformed e) {
            throw malformed(command, e.getMessage());
        }
    }

    private static <T> List<T> decodeList(String command, JsonNode ret, Function<JsonNode, T> element) {
        try {
            return Replies.list(ret, "return", e -> {
                if (!e.isObject()) {
                    throw new Replies.Malformed("an element is not an object: " + Replies.abbreviate(e.toString()));
                }
                return element.apply(e);
            });
        } catch (Replies.Malformed e) {
            throw malformed(command, e.getMessage());
        }
    }

    private static OperationFailedException malformed(String command, String what) {
        return new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                "unexpected reply to QEMU command '" + command + "': " + what);
    }
}
