package io.jvirt.conf.golden;

import java.util.Map;

/**
 * Golden cases whose output libvirt 9.0's RELAX NG schema does not accept, each with the reason.
 * Everything here is something newer libvirt accepts or a deliberate jvirt extension.
 */
final class SchemaGaps {
    static final Map<String, String> GAPS = Map.ofEntries(
            Map.entry("cpu-topology-clusters", "<topology clusters> arrived after libvirt 9.0"),
            Map.entry("watchdog-itco", "watchdog model 'itco' arrived after libvirt 9.0"));

    private SchemaGaps() {
    }
}
