package io.jvirt.conf.xml;

import io.jvirt.conf.FeatureDef;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * {@code <features>}: a table of the features we understand, each with whether it takes a
 * state, which attributes (and their checks) and which sub-features. Written back in libvirt's
 * fixed feature order, whatever order the input used.
 */
final class FeaturesXml {
    /** How one feature element may look. */
    private record Spec(boolean state, Map<String, BiConsumer<XmlElement, String>> attrs, Map<String, Spec> children,
                        boolean text) {
    }

    private static final BiConsumer<XmlElement, String> ON_OFF = (e, v) -> Parse.oneOf(e, "value", v, "on", "off");
    private static final BiConsumer<XmlElement, String> ANY = (e, v) -> { };

    private static Spec plain() {
        return new Spec(false, Map.of(), Map.of(), false);
    }

    private static Spec state() {
        return new Spec(true, Map.of(), Map.of(), false);
    }

    private static Spec state(String attr, BiConsumer<XmlElement, String> check) {
        return new Spec(true, Map.of(attr, check), Map.of(), false);
    }

    private static BiConsumer<XmlElement, String> oneOf(String attr, String... allowed) {
        return (e, v) -> Parse.oneOf(e, attr, v, allowed);
    }

    private static BiConsumer<XmlElement, String> intAtLeast(String attr, int min) {
        return (e, v) -> {
            if (Parse.toInt(e, attr, v) < min) {
                throw e.error("'" + attr + "' of feature '" + e.name() + "' must be at least " + min);
            }
        };
    }

    private static final Map<String, Spec> HYPERV = new LinkedHashMap<>();
    private static final Map<String, Spec> KVM = new LinkedHashMap<>();
    /** libvirt's feature order. */
    private static final Map<String, Spec> TOP = new LinkedHashMap<>();

    static {
        for (String n : List.of("relaxed", "vapic")) {
            HYPERV.put(n, state());
        }
        HYPERV.put("spinlocks", state("retries", intAtLeast("retries", 4095)));
        for (String n : List.of("vpindex", "runtime", "synic")) {
            HYPERV.put(n, state());
        }
        HYPERV.put("stimer", new Spec(true, Map.of(), Map.of("direct", state()), false));
        HYPERV.put("reset", state());
        HYPERV.put("vendor_id", state("value", (e, v) -> {
            if (v.isEmpty() || v.length() > 12) {
                throw e.error("hyperv vendor_id value must be 1 to 12 characters, not '" + v + "'");
            }
        }));
        for (String n : List.of("frequencies", "reenlightenment", "tlbflush", "ipi", "evmcs")) {
            HYPERV.put(n, state());
        }
        KVM.put("hidden", state());
        KVM.put("hint-dedicated", state());
        KVM.put("poll-control", state());
        KVM.put("pv-ipi", state());
        KVM.put("dirty-ring", state("size", intAtLeast("size", 1024)));

        TOP.put("acpi", plain());
        TOP.put("apic", new Spec(false, Map.of("eoi", ON_OFF), Map.of(), false));
        TOP.put("pae", plain());
        TOP.put("hap", state());
        TOP.put("viridian", plain());
        TOP.put("privnet", plain());
        TOP.put("hyperv", new Spec(false, Map.of("mode", oneOf("mode", "custom", "passthrough")), HYPERV, false));
        TOP.put("kvm", new Spec(false, Map.of(), KVM, false));
        TOP.put("pvspinlock", state());
        TOP.put("pmu", state());
        TOP.put("vmport", state());
        TOP.put("smm", new Spec(true, Map.of(), Map.of("tseg", new Spec(false, Map.of("unit", ANY), Map.of(), true)),
                false));
        TOP.put("ioapic", new Spec(false, Map.of("driver", oneOf("driver", "kvm", "qemu")), Map.of(), false));
        TOP.put("vmcoreinfo", state());
        TOP.put("htm", state());
        TOP.put("msrs", new Spec(false, Map.of("unknown", oneOf("unknown", "ignore", "fail")), Map.of(), false));
    }

    private static final List<String> ORDER = List.copyOf(TOP.keySet());

    private FeaturesXml() {
    }

    static List<FeatureDef> parse(XmlElement root) {
        List<FeatureDef> out = new ArrayList<>();
        root.child("features").ifPresent(f -> {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (XmlElement c : f.allChildren()) {
                FeatureDef d = parseOne(c, TOP, "features");
                if (!seen.add(d.name())) {
                    throw c.error("feature '" + d.name() + "' appears more than once");
                }
                out.add(d);
            }
        });
        out.sort(Comparator.comparingInt(d -> ORDER.indexOf(d.name())));
        return out;
    }

    private static FeatureDef parseOne(XmlElement c, Map<String, Spec> table, String where) {
        Spec spec = c.namespace().isEmpty() ? table.get(c.name()) : null;
        if (spec == null) {
            throw c.error("unsupported feature '" + c.name() + "' in '" + where + "'");
        }
        Boolean state = spec.state() ? Parse.optOnOff(c, "state") : null;
        Map<String, String> attrs = new LinkedHashMap<>();
        spec.attrs().forEach((a, check) -> c.attr(a).ifPresent(v -> {
            check.accept(c, v);
            attrs.put(a, v);
        }));
        String text = null;
        if (spec.text()) {
            text = c.text();
            Parse.size(c);
        }
        List<FeatureDef> children = new ArrayList<>();
        if (!spec.children().isEmpty()) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (XmlElement k : c.allChildren()) {
                FeatureDef d = parseOne(k, spec.children(), c.name());
                if (!seen.add(d.name())) {
                    throw k.error("feature '" + d.name() + "' appears more than once in '" + c.name() + "'");
                }
                children.add(d);
            }
            List<String> order = List.copyOf(spec.children().keySet());
            children.sort(Comparator.comparingInt(d -> order.indexOf(d.name())));
        }
        return new FeatureDef(c.name(), state, attrs, text, children);
    }

    static void format(XmlWriter w, List<FeatureDef> features) {
        if (features.isEmpty()) {
            return;
        }
        w.start("features");
        features.forEach(f -> formatOne(w, f));
        w.end();
    }

    private static void formatOne(XmlWriter w, FeatureDef f) {
        w.start(f.name()).attrOnOff("state", f.state());
        f.attributes().forEach(w::attr);
        if (f.text() != null) {
            w.text(f.text());
            return;
        }
        f.children().forEach(c -> formatOne(w, c));
        w.end();
    }
}
