package io.jvirt.qemu.caps;

import java.util.Objects;

/**
 * The outcome of {@link KvmCheck}: whether a KVM vCPU really executed the probe firmware.
 *
 * @param usable  true only when the firmware reached 64-bit long mode and QEMU exited with its code
 * @param stages  the progress bytes the firmware wrote ("RPL" when it all ran; "" when nothing ran)
 * @param reason  one line saying why, for logs and messages
 */
public record KvmVerdict(boolean usable, String stages, String reason) {
    public KvmVerdict {
        Objects.requireNonNull(stages, "stages");
        Objects.requireNonNull(reason, "reason");
    }

    static KvmVerdict no(String stages, String reason) {
        return new KvmVerdict(false, stages, reason);
    }
}
