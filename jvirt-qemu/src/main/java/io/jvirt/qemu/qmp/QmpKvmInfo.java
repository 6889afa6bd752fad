package io.jvirt.qemu.qmp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The reply to {@code query-kvm}. "Present" only means QEMU was built with KVM and could open it;
 * whether KVM actually runs a vCPU on this host is a separate question for the caps prober.
 *
 * @param enabled whether this QEMU process uses KVM
 * @param present whether KVM support is available to QEMU
 */
public record QmpKvmInfo(boolean enabled, boolean present) {

    static QmpKvmInfo fromJson(JsonNode node) {
        return new QmpKvmInfo(Replies.bool(node, "enabled"), Replies.bool(node, "present"));
    }
}
