package io.jvirt.qemu.driver;

import com.fasterxml.jackson.databind.JsonNode;
import io.jvirt.Flags;
import io.jvirt.conf.CpuSet;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.TuningDef;
import io.jvirt.conf.VcpuDef;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;
import io.jvirt.error.OperationUnsupportedException;
import io.jvirt.qemu.domain.DomainMonitor;
import io.jvirt.qemu.domain.DomainObj;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * virDomainSetVcpu ({@code virsh setvcpu}): enables or disables individual vCPUs. Live, vCPU i
 * is QEMU's i-th CPU slot: enabling plugs it (device_add), disabling unplugs it (device_del; the
 * guest must release it), and only vCPUs that were plugged in can come out. In the config the
 * vCPUs' {@code <vcpus>} state changes; a modified vCPU becomes hotpluggable, vCPU 0 never
 * changes, and the non-hotpluggable online vCPUs stay clustered from vCPU 0.
 */
final class DomainVcpuState {
    private final QemuDriver driver;

    DomainVcpuState(QemuDriver driver) {
        this.driver = driver;
    }

    void set(DomainObj d, String cpumap, boolean enable, int flags) {
        Flags.check(flags, Flags.Affect.LIVE | Flags.Affect.CONFIG, "qemuDomainSetVcpu");
        BitSet map;
        try {
            map = CpuSet.parse(cpumap);
        } catch (IllegalArgumentException e) {
            throw invalid("Failed to parse bitmap '" + cpumap + "'");
        }
        if (map.isEmpty()) {
            throw invalid("no vcpus selected for modification");
        }
        DefinitionChange.apply(driver, d, flags, "setvcpu",
                (def, live) -> live ? live(d, def, map, enable) : config(def, map, enable));
    }

    /** The config edit. */
    static DomainDef config(DomainDef def, BitSet map, boolean enable) {
        List<TuningDef.Vcpu> state = VcpuHotplug.state(def);
        if (map.length() > state.size()) {
            throw invalid("vcpu " + (map.length() - 1) + " is not present in persistent config");
        }
        if (map.get(0)) {
            throw invalid("vCPU '0' can't be modified");
        }
        int first = map.nextSetBit(0);
        for (int j = first + 1; j < state.size(); j++) {
            TuningDef.Vcpu v = state.get(j);
            if (!map.get(j) && v.enabled() && !VcpuHotplug.hotpluggable(v)) {
                throw invalid("vcpu '" + first + "' can't be modified as it is followed by non-hotpluggable online vcpus");
            }
        }
        VcpuHotplug.Orders orders = new VcpuHotplug.Orders(state);
        List<TuningDef.Vcpu> out = new ArrayList<>();
        for (TuningDef.Vcpu v : state) {
            if (!map.get(v.id())) {
                out.add(v);
            } else if (!enable) {
                out.add(new TuningDef.Vcpu(v.id(), false, true, null));
            } else {
                out.add(new TuningDef.Vcpu(v.id(), true, true, orders.of(v)));
            }
        }
        DomainDef res = withState(def, out);
        VcpuHotplug.validate(res);
        return res;
    }

    /** The live change: each selected CPU slot plugged or unplugged, then the definition follows QEMU. */
    private DomainDef live(DomainObj d, DomainDef def, BitSet map, boolean enable) {
        DomainMonitor mon = DomainStopper.monitorOf(d);
        List<JsonNode> slots = VcpuHotplug.slots(mon);
        if (map.length() > slots.size()) {
            throw invalid("vcpu " + (map.length() - 1) + " is not present in live config");
        }
        for (int i = map.nextSetBit(0); i >= 0; i = map.nextSetBit(i + 1)) {
            JsonNode s = slots.get(i);
            if (VcpuHotplug.plugged(s) == enable) {
                throw invalid("vcpu '" + i + "' is already in requested state");
            }
            if (!enable && !VcpuHotplug.pluggedIn(s)) {
                throw new OperationUnsupportedException(ErrorNumber.OPERATION_UNSUPPORTED, ErrorDomain.QEMU,
                        "vcpu '" + i + "' can't be unplugged");
            }
        }
        List<Integer> ids = map.stream().boxed().toList();
        if (enable) {
            for (int i : ids) {
                mon.deviceAdd(VcpuHotplug.device(slots.get(i)));
            }
        } else {
            for (int i : ids) {
                String path = slots.get(i).path("qom-path").asText();
                mon.deviceDel(path.substring(VcpuHotplug.PERIPHERAL.length()));
            }
            driver.vcpus.awaitUnplug(mon, ids);
        }
        DomainDef out = VcpuHotplug.fromSlots(def, VcpuHotplug.slots(mon));
        driver.vcpus.placeThreads(d, out, enable ? ids : List.of(), enable ? List.of() : ids);
        return out;
    }

    /** {@code def} with per-vCPU {@code state}, its current count the number enabled. */
    static DomainDef withState(DomainDef def, List<TuningDef.Vcpu> state) {
        VcpuDef v = def.vcpu();
        int on = (int) state.stream().filter(TuningDef.Vcpu::enabled).count();
        return def.withVcpu(new VcpuDef(v.max(), on == v.max() ? null : on, v.placement(), v.cpuset()))
                .withTuning(def.tuning().withVcpus(state));
    }

    private static InvalidArgException invalid(String msg) {
        return new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU, msg);
    }
}
