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
 */
public record LaunchContext(Path monitorSocket, Path domainDir, int vncPort, boolean incoming) {
    public LaunchContext(Path monitorSocket, Path domainDir, int vncPort) {
        this(monitorSocket, domainDir, vncPort, false);
    }

    public LaunchContext {
        Objects.requireNonNull(monitorSocket, "monitorSocket");
        Objects.requireNonNull(domainDir, "domainDir");
    }
}
