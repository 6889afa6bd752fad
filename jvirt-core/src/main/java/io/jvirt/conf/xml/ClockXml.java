package io.jvirt.conf.xml;

import io.jvirt.conf.ClockDef;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code <clock>} and its {@code <timer>}s: parse and format. */
final class ClockXml {
    private ClockXml() {
    }

    static ClockDef parse(XmlElement root) {
        return root.child("clock").map(c -> {
            String offset = Parse.oneOf(c, "offset", c.attr("offset").orElse("utc"),
                    "utc", "localtime", "timezone", "variable", "absolute");
            String tz = c.attr("timezone").orElse(null);
            if (offset.equals("timezone") && tz == null) {
                throw c.error("missing 'timezone' attribute with clock offset='timezone'");
            }
            Long adj = Parse.optLong(c, "adjustment");
            String basis = Parse.optOneOf(c, "basis", "utc", "localtime");
            List<ClockDef.Timer> timers = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (XmlElement t : c.children("timer")) {
                String name = Parse.oneOf(t, "name", t.requireAttr("name"),
                        "platform", "pit", "rtc", "hpet", "tsc", "kvmclock", "hypervclock", "armvtimer");
                if (!names.add(name)) {
                    throw t.error("timer '" + name + "' appears more than once");
                }
                timers.add(new ClockDef.Timer(name, Parse.optYesNo(t, "present"),
                        Parse.optOneOf(t, "tickpolicy", "delay", "catchup", "merge", "discard"),
                        Parse.optOneOf(t, "track", "boot", "guest", "wall", "realtime"), Parse.optLong(t, "frequency"),
                        Parse.optOneOf(t, "mode", "auto", "native", "emulate", "paravirt", "smpsafe")));
            }
            return new ClockDef(offset, tz, adj, basis, timers);
        }).orElse(ClockDef.DEFAULT);
    }

    static void format(XmlWriter w, ClockDef c) {
        if (c.offset() == null) {
            return;
        }
        w.start("clock").attr("offset", c.offset()).attr("timezone", c.timezone())
                .attr("adjustment", c.adjustment()).attr("basis", c.basis());
        for (ClockDef.Timer t : c.timers()) {
            w.start("timer").attr("name", t.name()).attr("track", t.track()).attr("tickpolicy", t.tickpolicy())
                    .attr("frequency", t.frequency()).attr("mode", t.mode()).attrYesNo("present", t.present()).end();
        }
        w.end();
    }
}
