package io.jvirt.qemu.domain;

import java.util.Map;

/**
 * The monitor operations the driver uses on a running domain, over QMP. Implementations are
 * thread-safe; after {@link #close()} every call fails with a monitor-closed error.
 */
public interface DomainMonitor extends AutoCloseable {
    /** QEMU's run state ("running", "paused", "prelaunch", "shutdown" ...). */
    String queryStatus();

    void cont();

    void stop();

    void systemPowerdown();

    void systemReset();

    void quit();

    /** Asks the guest's balloon driver to resize guest memory to {@code bytes}. */
    void balloon(long bytes);

    /** The balloon's current size in bytes. */
    long balloonActualBytes();

    /** Starts an outgoing migration to {@code uri} ("exec:..."). */
    void migrate(String uri);

    /** Starts the incoming migration of a QEMU started with -incoming defer. */
    void migrateIncoming(String uri);

    /** query-migrate. */
    io.jvirt.qemu.qmp.QmpMigrationInfo migration();

    void blockdevAdd(com.fasterxml.jackson.databind.node.ObjectNode props);

    void blockdevDel(String nodeName);

    void netdevAdd(com.fasterxml.jackson.databind.node.ObjectNode props);

    void netdevDel(String id);

    void deviceAdd(com.fasterxml.jackson.databind.node.ObjectNode props);

    /** Asks for a device's removal; done when QEMU sends DEVICE_DELETED (the guest may refuse). */
    void deviceDel(String id);

    /** query-hotpluggable-cpus, as QEMU returns it. */
    com.fasterxml.jackson.databind.JsonNode hotpluggableCpus();

    /** How many vCPUs run now. */
    int vcpuCount();

    /** The host thread id of each vCPU, by vCPU index (query-cpus-fast). */
    Map<Integer, Long> vcpuThreadIds();

    /** The host thread id of each IOThread, by its id ("iothread1") (query-iothreads). */
    Map<String, Long> iothreadThreadIds();

    /** Runs a QMP command whose reply is not needed (tray and medium commands). */
    void execute(String command, com.fasterxml.jackson.databind.node.ObjectNode args);

    /**
     * Writes the guest's memory to {@code file} (QEMU opens it) in {@code format} ("elf",
     * "kdump-zlib", ...) and returns when the dump has completed; fails with QEMU's reason when
     * it does not.
     */
    void dumpGuestMemory(java.nio.file.Path file, String format);

    /** query-dump: {completed bytes, total bytes} of the memory dump running now. */
    long[] dumpProgress();

    /** The formats dump-guest-memory can write (query-dump-guest-memory-capability). */
    java.util.List<String> dumpFormats();

    /** query-blockstats. */
    java.util.List<io.jvirt.qemu.qmp.QmpBlockStats> blockStats();

    /** What QEMU does when the guest shuts down: "poweroff" (exit) or "pause" (stay). */
    void setShutdownAction(String action);

    /** Chardev label ("charserial0") to pty path, for every pty chardev. */
    Map<String, String> ptyPaths();

    /** An HMP command's text output. */
    String humanMonitorCommand(String command);

    /** A raw QMP command (JSON text), returning QEMU's raw JSON reply. */
    String executeRaw(String json);

    /** QEMU's version as major * 1000000 + minor * 1000 + micro. */
    long version();

    @Override
    void close();
}
