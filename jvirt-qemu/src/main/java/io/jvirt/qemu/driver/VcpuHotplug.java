package io.jvirt.qemu.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.TuningDef;
import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.qemu.command.MachineCommandLine;
import io.jvirt.qemu.domain.DomainMonitor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Per-vCPU state ({@code <vcpus><vcpu id enabled hotpluggable order/>}): QEMU boots the
 * non-hotpluggable vCPUs ({@code -smp} N,maxcpus=MAX; they must be vCPUs 0..N-1, as QEMU creates
 * its first N CPU slots), and the enabled hotpluggable ones are plugged with device_add while the
 * guest is still paused, in their {@code order}, vCPU i into QEMU's i-th CPU slot in topology
 * order (socket, die, core, thread), so they can be unplugged later like any hotplugged vCPU.
 */
final class VcpuHotplug {
    private VcpuHotplug() {
    }

    /** Define-time rules, as libvirt's for QEMU. */
    static void validate(DomainDef def) {
        List<TuningDef.Vcpu> vcpus = def.tuning().vcpus();
        if (vcpus.isEmpty()) {
            return;
        }
        int max = def.vcpu().max();
        Set<Integer> ids = new HashSet<>();
        int enabled = 0;
        boolean ordered = false;
        boolean unordered = false;
        for (TuningDef.Vcpu v : vcpus) {
            if (!ids.add(v.id())) {
                throw unsupported("vcpu id '" + v.id() + "' is listed twice in <vcpus>");
            }
            if (v.enabled()) {
                enabled++;
                ordered |= v.order() != null;
                unordered |= v.order() == null;
            } else if (Boolean.FALSE.equals(v.hotpluggable())) {
                throw unsupported("vcpu '" + v.id() + "' is disabled and therefore must be hotpluggable");
            }
        }
        if (ids.size() != max) {
            throw unsupported("<vcpus> must describe every one of the " + max + " vCPUs, not " + ids.size());
        }
        if (enabled != def.vcpu().effectiveCurrent()) {
            throw unsupported("<vcpus> enables " + enabled + " vCPUs but the current vcpu count is "
                    + def.vcpu().effectiveCurrent());
        }
        if (ordered && unordered) {
            throw unsupported("vcpu order must be given for all online vCPUs or for none");
        }
        int boot = MachineCommandLine.bootVcpus(def);
        for (TuningDef.Vcpu v : vcpus) {
            if (!hotpluggable(v) && v.id() >= boot) {
                throw unsupported("non-hotpluggable vCPUs must be clustered beginning with vCPU 0 (vCPU " + v.id()
                        + ")");
            }
        }
        if (boot == 0) {
            throw unsupported("vCPU 0 must be enabled and not hotpluggable");
        }
    }

    /** Where QEMU puts the vCPUs plugged with device_add. */
    static final String PERIPHERAL = "/machine/peripheral/";

    /**
     * The state of every vCPU, by id: the definition's {@code <vcpus>}, or else libvirt's
     * default (the first {@code current} enabled and not hotpluggable, the rest disabled).
     */
    static List<TuningDef.Vcpu> state(DomainDef def) {
        int max = def.vcpu().max();
        TuningDef.Vcpu[] out = new TuningDef.Vcpu[max];
        for (TuningDef.Vcpu v : def.tuning().vcpus()) {
            if (v.id() < max) {
                out[v.id()] = v;
            }
        }
        int current = def.vcpu().effectiveCurrent();
        for (int i = 0; i < max; i++) {
            if (out[i] == null) {
                out[i] = new TuningDef.Vcpu(i, i < current, i >= current, null);
            }
        }
        return List.of(out);
    }

    /** Whether CPU slot {@code s} holds a vCPU. */
    static boolean plugged(JsonNode s) {
        return s.has("qom-path");
    }

    /** Whether CPU slot {@code s} holds a vCPU that was plugged in (so it can be unplugged). */
    static boolean pluggedIn(JsonNode s) {
        return s.path("qom-path").asText("").startsWith(PERIPHERAL);
    }

    /**
     * {@code def} with its {@code <vcpus>} and current count as QEMU's CPU {@code slots} say (vCPU
     * i in slot i): vCPUs that stayed enabled keep their order, newly enabled ones get the next.
     */
    static DomainDef fromSlots(DomainDef def, List<JsonNode> slots) {
        List<TuningDef.Vcpu> old = state(def);
        Orders orders = new Orders(old);
        List<TuningDef.Vcpu> out = new ArrayList<>();
        for (int i = 0; i < old.size() && i < slots.size(); i++) {
            TuningDef.Vcpu was = old.get(i);
            boolean on = plugged(slots.get(i));
            Integer order = on ? orders.of(was) : null;
            out.add(new TuningDef.Vcpu(i, on, !on || pluggedIn(slots.get(i)), order));
        }
        return DomainVcpuState.withState(def, out);
    }

    static boolean hotpluggable(TuningDef.Vcpu v) {
        return v.hotpluggable() != null ? v.hotpluggable() : !v.enabled();
    }

    /** Plugs the enabled hotpluggable vCPUs of {@code def} (the guest not yet running). */
    static void plugAtStart(DomainDef def, DomainMonitor mon) {
        List<TuningDef.Vcpu> plug = new ArrayList<>(def.tuning().vcpus().stream()
                .filter(v -> v.enabled() && hotpluggable(v)).toList());
        if (plug.isEmpty()) {
            return;
        }
        plug.sort(Comparator.comparing((TuningDef.Vcpu v) -> v.order() == null ? 0 : v.order())
                .thenComparing(TuningDef.Vcpu::id));
        List<JsonNode> slots = slots(mon);
        for (TuningDef.Vcpu v : plug) {
            mon.deviceAdd(device(slots.get(v.id())));
        }
    }

    /** QEMU's CPU slots (query-hotpluggable-cpus) in topology order. */
    static List<JsonNode> slots(DomainMonitor mon) {
        List<JsonNode> slots = new ArrayList<>();
        mon.hotpluggableCpus().forEach(slots::add);
        slots.sort(Comparator.comparing((JsonNode s) -> s.path("props").path("socket-id").asInt())
                .thenComparing(s -> s.path("props").path("die-id").asInt())
                .thenComparing(s -> s.path("props").path("core-id").asInt())
                .thenComparing(s -> s.path("props").path("thread-id").asInt()));
        return slots;
    }

    /** The device_add arguments that fill CPU slot {@code s}. */
    static ObjectNode device(JsonNode s) {
        ObjectNode dev = JsonNodeFactory.instance.objectNode();
        dev.put("driver", s.path("type").asText());
        dev.put("id", "vcpu" + s.path("props").path("socket-id").asInt() + "-"
                + s.path("props").path("core-id").asInt() + "-" + s.path("props").path("thread-id").asInt());
        s.path("props").properties().forEach(p -> dev.set(p.getKey(), p.getValue()));
        return dev;
    }

    /**
     * {@code def} with {@code n} vCPUs enabled in its {@code <vcpus>} (if it has them): the
     * non-hotpluggable ones always, then the lowest ids; newly enabled vCPUs get the next order.
     */
    static DomainDef withEnabled(DomainDef def, int n) {
        List<TuningDef.Vcpu> vcpus = def.tuning().vcpus();
        if (vcpus.isEmpty()) {
            return def;
        }
        List<TuningDef.Vcpu> sorted = new ArrayList<>(vcpus);
        sorted.sort(Comparator.comparing((TuningDef.Vcpu v) -> hotpluggable(v)).thenComparing(TuningDef.Vcpu::id));
        Set<Integer> on = new HashSet<>();
        sorted.stream().limit(n).forEach(v -> on.add(v.id()));
        Orders orders = new Orders(vcpus);
        List<TuningDef.Vcpu> out = new ArrayList<>();
        for (TuningDef.Vcpu v : vcpus) {
            boolean e = on.contains(v.id());
            Integer order = e ? orders.of(v) : null;
            out.add(new TuningDef.Vcpu(v.id(), e, hotpluggable(v), order));
        }
        return def.withTuning(def.tuning().withVcpus(out));
    }

    /**
     * The orders of vCPUs that end up enabled: one that was enabled keeps its order, a newly
     * enabled one gets the next after the highest (none when no vCPU has an order).
     */
    static final class Orders {
        private final boolean ordered;
        private int next;

        Orders(List<TuningDef.Vcpu> vcpus) {
            ordered = vcpus.stream().anyMatch(v -> v.order() != null);
            next = vcpus.stream().filter(v -> v.order() != null).mapToInt(TuningDef.Vcpu::order).max().orElse(0) + 1;
        }

        Integer of(TuningDef.Vcpu was) {
            return was.enabled() ? was.order() : ordered ? Integer.valueOf(next++) : null;
        }
    }

    private static ConfigUnsupportedException unsupported(String msg) {
        return new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, msg);
    }
}
