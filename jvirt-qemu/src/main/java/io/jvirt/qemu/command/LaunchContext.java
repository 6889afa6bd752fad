package io.jvirt.qemu.command;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything the argv builder needs that is not in the definition: runtime paths and allocated
 * resources. Tests pin these so golden argv files are stable.
 *
 * @param monitorSocket the QMP socket path (fits sun_path)
 * @param domainDir     the per-domain runtime directory
 * @param vncPort       the allocated VNC port (5900 + display), or -1
 * @param incoming      QEMU waits for an incoming migration stream (restore)
 * @param sandbox       run QEMU under its seccomp sandbox (qemu.conf seccomp_sandbox)
 * @param msgTimestamp  QEMU timestamps its log lines (qemu.conf log_timestamp)
 * @param tpmSockets    the control socket of each emulated TPM's swtpm, by TPM alias
 * @param hostdevNodes  the host device node of each SCSI host device ({@code /dev/sgN}), by hostdev alias
 * @param hugepageDirs  the hugetlbfs directory of each file-backed RAM backend on huge pages, by backend id
 * @param hugepageKiB   the page size of each RAM backend on huge pages (file or memfd), by backend id
 */
public record LaunchContext(Path monitorSocket, Path domainDir, int vncPort, boolean incoming, boolean sandbox,
                            boolean msgTimestamp, java.util.Map<String, Path> tpmSockets,
                            java.util.Map<String, Path> hostdevNodes, java.util.Map<String, Path> hugepageDirs,
                            java.util.Map<String, Long> hugepageKiB) {
    public LaunchContext(Path monitorSocket, Path domainDir, int vncPort, boolean incoming, boolean sandbox,
                         boolean msgTimestamp) {
        this(monitorSocket, domainDir, vncPort, incoming, sandbox, msgTimestamp, java.util.Map.of(), java.util.Map.of(),
                java.util.Map.of(), java.util.Map.of());
    }

    public LaunchContext withTpmSockets(java.util.Map<String, Path> sockets) {
        return new LaunchContext(monitorSocket, domainDir, vncPort, incoming, sandbox, msgTimestamp, sockets,
                hostdevNodes, hugepageDirs, hugepageKiB);
    }

    public LaunchContext withHostdevNodes(java.util.Map<String, Path> nodes) {
        return new LaunchContext(monitorSocket, domainDir, vncPort, incoming, sandbox, msgTimestamp, tpmSockets, nodes,
                hugepageDirs, hugepageKiB);
    }

    /** The huge page backing of the RAM backends: the directories of the file-backed ones and every page size. */
    public LaunchContext withHugepages(java.util.Map<String, Path> dirs, java.util.Map<String, Long> kib) {
        return new LaunchContext(monitorSocket, domainDir, vncPort, incoming, sandbox, msgTimestamp, tpmSockets,
                hostdevNodes, dirs, kib);
    }

    public LaunchContext(Path monitorSocket, Path domainDir, int vncPort) {
        this(monitorSocket, domainDir, vncPort, false);
    }

    public LaunchContext(Path monitorSocket, Path domainDir, int vncPort, boolean incoming) {
        this(monitorSocket, domainDir, vncPort, incoming, true, true);
    }

    public LaunchContext {
        Objects.requireNonNull(monitorSocket, "monitorSocket");
        Objects.requireNonNull(domainDir, "domainDir");
        tpmSockets = java.util.Map.copyOf(tpmSockets);
        hostdevNodes = java.util.Map.copyOf(hostdevNodes);
        hugepageDirs = java.util.Map.copyOf(hugepageDirs);
        hugepageKiB = java.util.Map.copyOf(hugepageKiB);
    }
}
