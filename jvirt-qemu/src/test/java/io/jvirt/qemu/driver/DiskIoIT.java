package io.jvirt.qemu.driver;

import io.jvirt.ByteStream;
import io.jvirt.Connect;
import io.jvirt.Domain;
import io.jvirt.DomainEvent;
import io.jvirt.DomainState;
import io.jvirt.LifecycleDetail;
import io.jvirt.StateReason;
import io.jvirt.qemu.testing.TestGuest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Disk I/O settings on a real guest: IOThreads and {@code <iotune>} as QEMU reports them, and a
 * write error that QEMU stops the guest for. The failing disk is a sparse image on a 1 MiB tmpfs
 * (mounting needs root, which these tests have): the guest's writes run out of space (ENOSPC).
 */
@Tag("qemu")
class DiskIoIT {
    private static final Duration BOOT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    }

    @Test
    void blkdeviotuneChangesTheThrottleLiveAndInTheConfig() throws Exception {
        Path img = tmp.resolve("t.img");
        try (var raf = new java.io.RandomAccessFile(img.toFile(), "rw")) {
            raf.setLength(16L << 20);
        }
        String disk = "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='" + img
                + "'/><target dev='vda' bus='virtio'/></disk>";
        String xml = TestGuest.xml("tune", tmp.resolve("serial.log")).replace("<memballoon model='none'/>",
                disk + "<memballoon model='none'/>");
        try (Connect c = Connect.open("qemu:///embed?root=" + tmp.resolve("root"))) {
            Domain d = c.defineXML(xml);
            d.create(io.jvirt.Flags.Start.PAUSED);
            try {
                d.setBlockIoTune("vda", List.of(io.jvirt.TypedParameter.ofULong("total_bytes_sec", 2_000_000),
                        io.jvirt.TypedParameter.ofString("group_name", "fast")), io.jvirt.Flags.Affect.LIVE);
                String block = d.qemuMonitorCommand("{\"execute\":\"query-block\"}", 0).replace(" ", "");
                assertTrue(block.contains("\"bps\":2000000") && block.contains("\"group\":\"fast\""), block);
                // a read limit replaces the total one, as in libvirt
                d.setBlockIoTune(img.toString(), List.of(io.jvirt.TypedParameter.ofULong("read_bytes_sec", 1000)),
                        io.jvirt.Flags.Affect.LIVE);
                block = d.qemuMonitorCommand("{\"execute\":\"query-block\"}", 0).replace(" ", "");
                assertTrue(block.contains("\"bps\":0") && block.contains("\"bps_rd\":1000"), block);
                var live = d.getBlockIoTune("vda", io.jvirt.Flags.Affect.LIVE);
                assertEquals(20, live.size());
                assertEquals(1000L, live.get(1).asLong(), live.toString());
                assertEquals("fast", live.get(13).asText());
                io.jvirt.error.LibvirtException e = org.junit.jupiter.api.Assertions.assertThrows(
                        io.jvirt.error.LibvirtException.class, () -> d.setBlockIoTune("vda", List.of(
                                io.jvirt.TypedParameter.ofULong("total_iops_sec", 10),
                                io.jvirt.TypedParameter.ofULong("read_iops_sec", 10)), io.jvirt.Flags.Affect.LIVE));
                assertTrue(e.getMessage().contains("cannot be set at the same time"), e.getMessage());
                assertTrue(d.qemuMonitorCommand("{\"execute\":\"query-block\"}", 0).replace(" ", "")
                        .contains("\"iops\":0"), "nothing applied");
                assertFalse(d.getXMLDesc(io.jvirt.Flags.Xml.INACTIVE).contains("<iotune>"), "live only");
                d.setBlockIoTune("vda", List.of(io.jvirt.TypedParameter.ofULong("write_iops_sec", 300)),
                        io.jvirt.Flags.Affect.CONFIG);
                assertTrue(Files.readString(tmp.resolve("root/etc/qemu/tune.xml"))
                        .contains("<write_iops_sec>300</write_iops_sec>"));
                assertThrows(io.jvirt.error.LibvirtException.class, () -> d.getBlockIoTune("vdz", 0));
            } finally {
                d.destroy();
            }
        }
    }

    @Test
    void writeErrorPausesTheGuestWithIoErrorEventsAndTuningIsInQemu() throws Exception {
        Path small = Files.createDirectories(tmp.resolve("small"));
        run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", small.toString());
        try {
            Path full = small.resolve("full.img");
            try (var raf = new java.io.RandomAccessFile(full.toFile(), "rw")) {
                raf.setLength(64L << 20); // sparse: 64 MiB for the guest, 1 MiB of room on the host
            }
            Path ok = tmp.resolve("ok.img");
            try (var raf = new java.io.RandomAccessFile(ok.toFile(), "rw")) {
                raf.setLength(16L << 20);
            }
            Path serial = tmp.resolve("serial.log");
            String disks = """
                    <disk type='file' device='disk'>
                      <driver name='qemu' type='raw' iothread='2'/>
                      <source file='%s'/><target dev='vda' bus='virtio'/>
                      <iotune><total_bytes_sec>10000000</total_bytes_sec><read_iops_sec>500</read_iops_sec>
                        <read_iops_sec_max>1000</read_iops_sec_max><read_iops_sec_max_length>4</read_iops_sec_max_length>
                        <group_name>g1</group_name></iotune>
                    </disk>
                    <disk type='file' device='disk'>
                      <driver name='qemu' type='raw' error_policy='stop'/>
                      <source file='%s'/><target dev='vdb' bus='virtio'/>
                    </disk>
                    """.formatted(ok, full);
            String xml = TestGuest.xml("dio", serial).replace("<memballoon model='none'/>", disks + "<memballoon model='none'/>")
                    .replace("<vcpu>1</vcpu>", "<vcpu>1</vcpu><iothreads>2</iothreads>");
            List<DomainEvent> events = new CopyOnWriteArrayList<>();
            try (Connect c = Connect.open("qemu:///embed?root=" + tmp.resolve("root"))) {
                c.addDomainEventListener(events::add);
                Domain d = c.createXML(xml, 0);
                try {
                    TestGuest.awaitText(serial, TestGuest.READY, BOOT);
                    String threads = d.qemuMonitorCommand("{\"execute\":\"query-iothreads\"}", 0);
                    assertTrue(threads.contains("\"iothread1\"") && threads.contains("\"iothread2\""), threads);
                    String block = d.qemuMonitorCommand("{\"execute\":\"query-block\"}", 0).replace(" ", "");
                    assertTrue(block.contains("\"bps\":10000000") && block.contains("\"iops_rd\":500")
                            && block.contains("\"iops_rd_max\":1000") && block.contains("\"iops_rd_max_length\":4")
                            && block.contains("\"group\":\"g1\""), block);

                    try (ByteStream console = d.openConsole(null)) {
                        console.output().write("dd if=/dev/urandom of=/dev/vdb bs=65536 count=256 conv=fsync; echo JVIRT-DD-$((1+1))\n"
                                .getBytes(StandardCharsets.US_ASCII));
                        console.output().flush();
                        TestGuest.await(() -> d.getState().state() == DomainState.PAUSED, Duration.ofSeconds(60),
                                "the guest paused by its write error");
                    }
                    assertEquals(StateReason.PAUSED_IOERROR, d.getState().reason());
                    TestGuest.await(() -> events.stream().anyMatch(e -> e instanceof DomainEvent.Lifecycle l
                            && l.detail() == LifecycleDetail.SUSPENDED_IOERROR), Duration.ofSeconds(10), "suspended/ioerror");
                    DomainEvent.IoError io = events.stream().filter(e -> e instanceof DomainEvent.IoError)
                            .map(e -> (DomainEvent.IoError) e).findFirst().orElseThrow();
                    assertEquals(full.toString(), io.srcPath());
                    assertEquals("virtio-disk1", io.devAlias());
                    assertEquals(DomainEvent.IoError.PAUSE, io.action());
                    DomainEvent.IoErrorReason why = events.stream().filter(e -> e instanceof DomainEvent.IoErrorReason)
                            .map(e -> (DomainEvent.IoErrorReason) e).findFirst().orElseThrow();
                    assertEquals("enospc", why.reason());
                    assertEquals("virtio-disk1", why.devAlias());
                    // io-error, io-error-reason, then suspended, as libvirt sends them
                    int iIo = events.indexOf(io);
                    int iSusp = events.indexOf(events.stream().filter(e -> e instanceof DomainEvent.Lifecycle l
                            && l.detail() == LifecycleDetail.SUSPENDED_IOERROR).findFirst().orElseThrow());
                    assertTrue(iIo < events.indexOf(why) && events.indexOf(why) < iSusp, events.toString());
                } finally {
                    d.destroy();
                }
            }
        } finally {
            run("umount", small.toString());
        }
    }
}
