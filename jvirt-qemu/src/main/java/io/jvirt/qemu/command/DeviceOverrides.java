package io.jvirt.qemu.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jvirt.conf.QemuNamespaceDef;
import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code <qemu:override>}: changes the JSON properties of the {@code -device} whose {@code id} is
 * the override's alias, after the builder made it (the user takes the consequences; the domain is
 * tainted like {@code qemu:commandline}). An alias that names no device is refused rather than
 * ignored, since the user asked for something that would not happen.
 */
final class DeviceOverrides {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeviceOverrides() {
    }

    static List<String> apply(List<String> argv, List<QemuNamespaceDef.DeviceOverride> overrides) {
        if (overrides.isEmpty()) {
            return argv;
        }
        List<String> out = new ArrayList<>(argv);
        Set<String> applied = new HashSet<>();
        for (int i = 0; i + 1 < out.size(); i++) {
            if (!out.get(i).equals("-device") || !out.get(i + 1).startsWith("{")) {
                continue;
            }
            ObjectNode dev = parse(out.get(i + 1));
            String id = dev.path("id").asText(null);
            boolean changed = false;
            for (QemuNamespaceDef.DeviceOverride o : overrides) {
                if (o.alias().equals(id)) {
                    o.frontend().forEach(p -> set(dev, p));
                    applied.add(o.alias());
                    changed = true;
                }
            }
            if (changed) {
                out.set(i + 1, dev.toString());
            }
        }
        for (QemuNamespaceDef.DeviceOverride o : overrides) {
            if (!applied.contains(o.alias())) {
                throw new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.QEMU,
                        "qemu:override: no device with alias '" + o.alias() + "' on the command line");
            }
        }
        return out;
    }

    private static void set(ObjectNode dev, QemuNamespaceDef.Property p) {
        switch (p.type()) {
            case "string" -> dev.put(p.name(), p.value());
            case "signed" -> dev.put(p.name(), Long.parseLong(p.value()));
            case "unsigned" -> dev.put(p.name(), new BigInteger(p.value()));
            case "bool" -> dev.put(p.name(), Boolean.parseBoolean(p.value()));
            case "remove" -> dev.remove(p.name());
            default -> throw new IllegalStateException("property type " + p.type());
        }
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("the builder made a -device that is not a JSON object: " + json, e);
        }
    }
}
