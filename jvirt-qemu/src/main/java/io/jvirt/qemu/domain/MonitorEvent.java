package io.jvirt.qemu.domain;

import java.util.Map;

/**
 * A QMP event as the driver sees it: the event name and its top-level scalar data fields as
 * text (e.g. SHUTDOWN {guest=true, reason=guest-shutdown}).
 */
public record MonitorEvent(String name, Map<String, String> data) {
    public MonitorEvent {
        data = Map.copyOf(data);
    }

    public String get(String key) {
        return data.get(key);
    }
}
