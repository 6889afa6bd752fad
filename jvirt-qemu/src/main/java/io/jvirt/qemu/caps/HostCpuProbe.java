package io.jvirt.qemu.caps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jvirt.error.LibvirtException;
import io.jvirt.qemu.qmp.QmpClient;
import io.jvirt.qemu.qmp.QmpCpuDefinition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds {@link HostCpuModel} over QMP: the static expansion of {@code max} (what a TCG guest
 * gets) compared with the static expansion of every named, current CPU model.
 */
final class HostCpuProbe {
    private static final Set<String> NOT_MODELS = Set.of("max", "base", "host");

    private HostCpuProbe() {
    }

    /** The host model, or null when this QEMU cannot tell (no CPU models, no expansion command). */
    static HostCpuModel run(QmpClient qmp, List<QmpCpuDefinition> cpus) {
        if (cpus.stream().noneMatch(c -> c.name().equals("max"))) {
            return null;
        }
        try {
            Set<String> target = enabled(expand(qmp, "static", "max"));
            Map<String, Set<String>> candidates = new LinkedHashMap<>();
            for (QmpCpuDefinition c : cpus) {
                if (!NOT_MODELS.contains(c.name()) && !c.deprecated() && !c.name().matches(".*-v[0-9]+")) {
                    candidates.put(c.name(), enabled(expand(qmp, "static", c.name())));
                }
            }
            return HostCpuModel.closest(target, candidates,
                    name -> expand(qmp, "full", name).path("props").path("vendor").asText(null));
        } catch (LibvirtException e) {
            return null;
        }
    }

    private static JsonNode expand(QmpClient qmp, String type, String model) {
        ObjectNode args = JsonNodeFactory.instance.objectNode().put("type", type);
        args.putObject("model").put("name", model);
        return qmp.connection().execute("query-cpu-model-expansion", args).path("model");
    }

    private static Set<String> enabled(JsonNode model) {
        Set<String> on = new TreeSet<>();
        model.path("props").properties().forEach(e -> {
            if (e.getValue().isBoolean() && e.getValue().booleanValue()) {
                on.add(e.getKey());
            }
        });
        return on;
    }
}
