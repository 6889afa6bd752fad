package io.jvirt.conf.golden;

import java.util.Map;

/**
 * Golden cases whose output libvirt 9.0's RELAX NG schema does not accept, each with the reason.
 * Everything here is something newer libvirt accepts or a deliberate jvirt extension.
 */
final class SchemaGaps {
    static final Map<String, String> GAPS = Map.ofEntries(
    );

    private SchemaGaps() {
    }
}
