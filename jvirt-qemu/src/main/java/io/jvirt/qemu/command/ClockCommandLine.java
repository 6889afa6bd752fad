package io.jvirt.qemu.command;

import io.jvirt.conf.ClockDef;
import io.jvirt.conf.DomainDef;

/**
 * The RTC: {@code -rtc base=utc|localtime} (a timezone offset is localtime with TZ in QEMU's
 * environment), with the rtc timer's {@code track} as clock= and tickpolicy catchup as
 * driftfix=slew. The hpet timer is a -machine property, kvmclock/hypervclock/tsc are CPU ones.
 */
final class ClockCommandLine {
    private ClockCommandLine() {
    }

    static void build(Argv a, DomainDef def) {
        ClockDef clock = def.clock();
        String base = clock.offset() == null || clock.offset().equals("utc") ? "utc" : "localtime";
        JsonProps.Builder b = JsonProps.builder().put("base", base);
        for (ClockDef.Timer t : clock.timers()) {
            if (t.name().equals("rtc")) {
                if (t.track() != null) {
                    b.put("clock", switch (t.track()) {
                        case "guest" -> "vm";
                        case "wall" -> "host";
                        case "realtime" -> "rt";
                        default -> throw new IllegalStateException("rtc track " + t.track());
                    });
                }
                if ("catchup".equals(t.tickpolicy())) {
                    b.put("driftfix", "slew");
                }
            }
        }
        a.keyValue("-rtc", b.build(), null);
        for (ClockDef.Timer t : clock.timers()) {
            if (t.name().equals("pit") && t.tickpolicy() != null) {
                a.add("-global", "kvm-pit.lost_tick_policy=" + switch (t.tickpolicy()) {
                    case "delay" -> "delay";
                    case "catchup" -> "slew";
                    case "discard" -> "discard";
                    default -> throw new IllegalStateException("pit tickpolicy " + t.tickpolicy());
                });
            }
        }
    }
}
