package io.jvirt.qemu.caps;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code mode='host-model'} means for this emulator: the named CPU model closest to what the
 * guest really gets (under TCG, QEMU's {@code max} CPU), plus the features to add to it and to
 * take away, in libvirt's feature names. Shown by domcapabilities and by dumpxml --update-cpu.
 *
 * @param model   the named model, e.g. "EPYC"
 * @param vendor  libvirt's vendor name ("Intel", "AMD"), or null
 * @param require features the model lacks, sorted
 * @param disable features the model has that the guest does not get, sorted
 */
public record HostCpuModel(String model, String vendor, List<String> require, List<String> disable) {
    /** QEMU property names that libvirt spells differently. */
    private static final Map<String, String> LIBVIRT_NAMES = Map.ofEntries(
            Map.entry("lahf-lm", "lahf_lm"), Map.entry("cmp-legacy", "cmp_legacy"),
            Map.entry("fxsr-opt", "fxsr_opt"), Map.entry("nodeid-msr", "nodeid_msr"),
            Map.entry("tsc-adjust", "tsc_adjust"), Map.entry("perfctr-core", "perfctr_core"),
            Map.entry("perfctr-nb", "perfctr_nb"), Map.entry("ds-cpl", "ds_cpl"),
            Map.entry("pclmulqdq", "pclmuldq"), Map.entry("tsc-scale", "tsc-scale"),
            Map.entry("kvm-pv-eoi", "kvm_pv_eoi"), Map.entry("kvm-pv-unhalt", "kvm_pv_unhalt"));

    public HostCpuModel {
        Objects.requireNonNull(model, "model");
        require = List.copyOf(require);
        disable = List.copyOf(disable);
    }

    /**
     * The closest model: among {@code candidates} (name -> enabled features), the one with the
     * fewest features to add or remove to get {@code target}; on a tie, the one listed first.
     */
    static HostCpuModel closest(Set<String> target, Map<String, Set<String>> candidates,
                                java.util.function.Function<String, String> vendorOf) {
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (var e : candidates.entrySet()) {
            int score = diff(target, e.getValue()).size() + diff(e.getValue(), target).size();
            if (score < bestScore) {
                best = e.getKey();
                bestScore = score;
            }
        }
        if (best == null) {
            return null;
        }
        Set<String> have = candidates.get(best);
        return new HostCpuModel(best, vendor(vendorOf.apply(best)), names(diff(target, have)), names(diff(have, target)));
    }

    private static Set<String> diff(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    private static List<String> names(Set<String> qemuNames) {
        return qemuNames.stream().map(n -> LIBVIRT_NAMES.getOrDefault(n, n)).sorted().toList();
    }

    /** libvirt's name for a CPUID vendor string. */
    static String vendor(String cpuid) {
        if (cpuid == null) {
            return null;
        }
        return switch (cpuid) {
            case "GenuineIntel" -> "Intel";
            case "AuthenticAMD" -> "AMD";
            case "HygonGenuine" -> "Hygon";
            case "CentaurHauls", "  Shanghai  " -> "Zhaoxin";
            default -> null;
        };
    }
}
