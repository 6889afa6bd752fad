package io.jvirt.qemu.monitor;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationFailedException;
import io.jvirt.error.OperationTimeoutException;
import io.jvirt.qemu.domain.DomainMonitor;
import io.jvirt.qemu.domain.MonitorConnector;
import io.jvirt.qemu.domain.MonitorEvent;
import io.jvirt.qemu.qmp.QmpChardev;
import io.jvirt.qemu.qmp.QmpClient;
import io.jvirt.qemu.qmp.QmpEvent;
import io.jvirt.qemu.qmp.QmpOptions;
import io.jvirt.qemu.qmp.QmpVersion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** {@link DomainMonitor} over a {@link QmpClient}: the driver's view of QEMU's monitor. */
public final class QmpDomainMonitor implements DomainMonitor {
    private final QmpClient client;

    private QmpDomainMonitor(QmpClient client) {
        this.client = client;
    }

    /** The connector the driver uses for real QEMU processes. */
    public static final MonitorConnector CONNECTOR = QmpDomainMonitor::connect;

    /**
     * Waits for QEMU to create {@code socket} (giving up when the process dies or the deadline
     * passes), then connects and completes the QMP handshake.
     */
    public static DomainMonitor connect(Path socket, Duration deadline, BooleanSupplier processAlive,
                                        Consumer<MonitorEvent> events, Runnable onClose) {
        long end = System.nanoTime() + deadline.toNanos();
        long sleepMs = 1;
        while (!Files.exists(socket)) {
            if (!processAlive.getAsBoolean()) {
                throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                        "QEMU exited before creating its monitor socket " + socket);
            }
            if (System.nanoTime() > end) {
                throw new OperationTimeoutException(ErrorNumber.OPERATION_TIMEOUT, ErrorDomain.QEMU,
                        "QEMU did not create its monitor socket " + socket + " within " + deadline.toSeconds() + " s");
            }
            try {
                Thread.sleep(sleepMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OperationFailedException(ErrorNumber.OPERATION_ABORTED, ErrorDomain.QEMU,
                        "interrupted while waiting for the monitor socket " + socket);
            }
            sleepMs = Math.min(2, sleepMs * 2);
        }
        Duration left = Duration.ofNanos(Math.max(end - System.nanoTime(), Duration.ofSeconds(1).toNanos()));
        QmpOptions opts = QmpOptions.defaults().withConnectTimeout(left);
        QmpClient client = QmpClient.connect(socket, opts, e -> events.accept(toMonitorEvent(e)), reason -> onClose.run());
        return new QmpDomainMonitor(client);
    }

    static MonitorEvent toMonitorEvent(QmpEvent e) {
        Map<String, String> data = new LinkedHashMap<>();
        if (e.data() != null) {
            e.data().properties().forEach(en -> {
                if (en.getValue().isValueNode()) {
                    data.put(en.getKey(), en.getValue().asText());
                }
            });
        }
        return new MonitorEvent(e.name(), data);
    }

    @Override
    public String queryStatus() {
        return client.queryStatus().status();
    }

    @Override
    public void cont() {
        client.cont();
    }

    @Override
    public void stop() {
        client.stop();
    }

    @Override
    public void systemPowerdown() {
        client.systemPowerdown();
    }

    @Override
    public void systemReset() {
        client.systemReset();
    }

    @Override
    public void quit() {
        client.quit();
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode hotpluggableCpus() {
        return client.queryHotpluggableCpus();
    }

    @Override
    public int vcpuCount() {
        return client.vcpuCount();
    }

    @Override
    public Map<Integer, Long> vcpuThreadIds() {
        return client.vcpuThreadIds();
    }

    @Override
    public Map<String, Long> iothreadThreadIds() {
        return client.iothreadThreadIds();
    }

    @Override
    public void execute(String command, com.fasterxml.jackson.databind.node.ObjectNode args) {
        client.connection().execute(command, args);
    }

    @Override
    public void blockdevAdd(com.fasterxml.jackson.databind.node.ObjectNode props) {
        client.blockdevAdd(props);
    }

    @Override
    public void blockdevDel(String nodeName) {
        client.blockdevDel(nodeName);
    }

    @Override
    public void netdevAdd(com.fasterxml.jackson.databind.node.ObjectNode props) {
        client.netdevAdd(props);
    }

    @Override
    public void netdevDel(String id) {
        client.netdevDel(id);
    }

    @Override
    public void deviceAdd(com.fasterxml.jackson.databind.node.ObjectNode props) {
        client.deviceAdd(props);
    }

    @Override
    public void deviceDel(String id) {
        client.deviceDel(id);
    }

    @Override
    public void migrate(String uri) {
        var args = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        args.put("max-bandwidth", 8_388_607L * 1024 * 1024); // "unlimited": saves run at disk speed
        client.connection().execute("migrate-set-parameters", args);
        client.migrate(uri);
    }

    @Override
    public long[] dumpProgress() {
        com.fasterxml.jackson.databind.JsonNode q = client.connection().execute("query-dump");
        return new long[] {q.path("completed").asLong(), q.path("total").asLong()};
    }

    @Override
    public java.util.List<String> dumpFormats() {
        java.util.List<String> out = new java.util.ArrayList<>();
        client.connection().execute("query-dump-guest-memory-capability").path("formats").forEach(f -> out.add(f.asText()));
        return out;
    }

    @Override
    public void dumpGuestMemory(java.nio.file.Path file, String format) {
        var args = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        args.put("paging", false);
        args.put("protocol", "file:" + file);
        args.put("format", format);
        args.put("detach", true); // a large guest takes longer than a command's timeout: poll
        client.connection().execute("dump-guest-memory", args);
        long sleepMs = 5;
        while (true) {
            com.fasterxml.jackson.databind.JsonNode q = client.connection().execute("query-dump");
            String status = q.path("status").asText();
            switch (status) {
                case "completed" -> {
                    return;
                }
                case "active" -> {
                    try {
                        Thread.sleep(sleepMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new OperationFailedException(ErrorNumber.OPERATION_ABORTED, ErrorDomain.QEMU,
                                "interrupted while QEMU dumps guest memory to " + file);
                    }
                    sleepMs = Math.min(100, sleepMs * 2);
                }
                default -> throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                        "QEMU's memory dump to " + file + " ended with status '" + status + "'");
            }
        }
    }

    @Override
    public void migrateIncoming(String uri) {
        client.migrateIncoming(uri);
    }

    @Override
    public io.jvirt.qemu.qmp.QmpMigrationInfo migration() {
        return client.queryMigrate();
    }

    @Override
    public java.util.List<io.jvirt.qemu.qmp.QmpBlockStats> blockStats() {
        return client.queryBlockstats();
    }

    @Override
    public void balloon(long bytes) {
        client.balloon(bytes);
    }

    @Override
    public long balloonActualBytes() {
        return client.queryBalloon().actualBytes();
    }

    @Override
    public void setShutdownAction(String action) {
        client.setShutdownAction(action);
    }

    @Override
    public Map<String, String> ptyPaths() {
        Map<String, String> out = new LinkedHashMap<>();
        for (QmpChardev c : client.queryChardev()) {
            c.ptyPath().ifPresent(p -> out.put(c.label(), p));
        }
        return out;
    }

    @Override
    public String humanMonitorCommand(String command) {
        return client.humanMonitorCommand(command);
    }

    @Override
    public String executeRaw(String json) {
        return client.executeRaw(json);
    }

    @Override
    public long version() {
        QmpVersion v = client.greeting().version();
        return v.major() * 1_000_000L + v.minor() * 1_000L + v.micro();
    }

    @Override
    public void close() {
        client.close();
    }
}
