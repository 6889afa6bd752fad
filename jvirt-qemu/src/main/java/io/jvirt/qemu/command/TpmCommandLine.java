package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.TpmDef;

import java.nio.file.Path;

/**
 * {@code <tpm>}: the TPM backend ({@code -tpmdev}) and its front end ({@code -device tpm-tis} or
 * {@code tpm-crb}). An emulated TPM talks to the swtpm the driver started through a socket
 * chardev ({@code chrtpm}); a passthrough TPM opens the host device and its sysfs cancel file.
 */
public final class TpmCommandLine {
    private TpmCommandLine() {
    }

    static void build(Argv a, DomainDef def, LaunchContext ctx) {
        for (TpmDef t : def.devices().of(TpmDef.class)) {
            String alias = t.alias() == null ? "tpm0" : t.alias();
            String tpmdev = "tpm-" + alias;
            switch (t.backendType()) {
                case "emulator" -> {
                    Path socket = ctx.tpmSockets().get(alias);
                    if (socket == null) {
                        throw new IllegalStateException("no swtpm socket for TPM " + alias);
                    }
                    a.add("-chardev", "socket,id=chrtpm,path=" + JsonProps.escape(socket.toString()));
                    a.add("-tpmdev", "emulator,id=" + tpmdev + ",chardev=chrtpm");
                }
                case "passthrough" -> {
                    String dev = t.devicePath() == null ? "/dev/tpm0" : t.devicePath();
                    a.add("-tpmdev", "passthrough,id=" + tpmdev + ",path=" + JsonProps.escape(dev)
                            + ",cancel-path=" + JsonProps.escape(cancelPath(dev)));
                }
                default -> throw new IllegalStateException("TPM backend " + t.backendType() + " reached the argv builder");
            }
            a.json("-device", JsonProps.builder().put("driver", t.model() == null ? "tpm-tis" : t.model())
                    .put("tpmdev", tpmdev).put("id", alias).build());
        }
    }

    /** The sysfs cancel file of a host TPM device ({@code /dev/tpm0} -> its class device's cancel). */
    public static String cancelPath(String device) {
        String name = Path.of(device).getFileName().toString();
        return "/sys/class/tpm/" + name + "/device/cancel";
    }
}
