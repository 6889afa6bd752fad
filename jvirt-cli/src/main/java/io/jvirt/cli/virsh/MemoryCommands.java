package io.jvirt.cli.virsh;

import io.jvirt.Domain;
import io.jvirt.Flags;
import io.jvirt.cli.CliError;
import io.jvirt.error.LibvirtException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Locale;
import java.util.Map;

/** setmem, setmaxmem, dommemstat. */
public final class MemoryCommands {
    private MemoryCommands() {
    }

    /** virsh's scaled integers: a number with an optional unit, KiB by default. */
    static long kib(String text) {
        var m = java.util.regex.Pattern.compile("(\\d+)\\s*([A-Za-z]*)").matcher(text.trim());
        if (!m.matches()) {
            throw new CliError("Invalid value '" + text + "' for size: expected a number with an optional unit");
        }
        long n = Long.parseLong(m.group(1));
        long bytes = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "b", "bytes" -> n;
            case "", "k", "kib" -> n * 1024;
            case "kb" -> n * 1000;
            case "m", "mib" -> n << 20;
            case "mb" -> n * 1_000_000;
            case "g", "gib" -> n << 30;
            case "gb" -> n * 1_000_000_000L;
            case "t", "tib" -> n << 40;
            case "tb" -> n * 1_000_000_000_000L;
            default -> throw new CliError("Invalid value '" + text + "' for size: unknown unit '" + m.group(2) + "'");
        };
        return (bytes + 1023) / 1024;
    }

    static int affect(boolean config, boolean live, boolean current) {
        if (current && (config || live)) {
            throw new CliError("Options --current and --live/--config are mutually exclusive");
        }
        return (config ? Flags.Affect.CONFIG : 0) | (live ? Flags.Affect.LIVE : 0);
    }

    @Command(name = "setmem", description = "change memory allocation")
    static void setmem(@Parameters(index = "0", paramLabel = "DOMAIN") String dom,
                       @Parameters(index = "1", paramLabel = "SIZE", description = "new memory size, as scaled integer (default KiB)") String size,
                       @Option(names = "--config", description = "affect next boot") boolean config,
                       @Option(names = "--live", description = "affect running domain") boolean live,
                       @Option(names = "--current", description = "affect current domain") boolean current) {
        set(dom, size, affect(config, live, current));
    }

    @Command(name = "setmaxmem", description = "change maximum memory limit")
    static void setmaxmem(@Parameters(index = "0", paramLabel = "DOMAIN") String dom,
                          @Parameters(index = "1", paramLabel = "SIZE", description = "new maximum memory size, as scaled integer (default KiB)") String size,
                          @Option(names = "--config", description = "affect next boot") boolean config,
                          @Option(names = "--live", description = "affect running domain") boolean live,
                          @Option(names = "--current", description = "affect current domain") boolean current) {
        set(dom, size, affect(config, live, current) | Flags.Memory.MAXIMUM);
    }

    private static void set(String dom, String size, int flags) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        long kib = kib(size);
        try {
            d.setMemory(kib, flags);
        } catch (LibvirtException e) {
            throw new CliError("Unable to change " + ((flags & Flags.Memory.MAXIMUM) != 0 ? "MaxMemorySize" : "MemorySize"), e);
        }
        Session.current().print("");
    }

    @Command(name = "dommemstat", description = "get memory statistics for a domain")
    static void dommemstat(@Parameters(paramLabel = "DOMAIN") String dom) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        Map<String, Long> stats;
        try {
            stats = d.memoryStats();
        } catch (LibvirtException e) {
            throw new CliError("Failed to get memory statistics for domain '" + d.getName() + "'", e);
        }
        StringBuilder sb = new StringBuilder();
        stats.forEach((k, v) -> sb.append(k).append(' ').append(v).append('\n'));
        Session.current().print(sb.toString());
    }

    @Command(name = "setvcpus", description = "change number of virtual CPUs")
    static void setvcpus(@Parameters(index = "0", paramLabel = "DOMAIN") String dom,
                         @Parameters(index = "1", paramLabel = "COUNT", description = "number of virtual CPUs") int count,
                         @Option(names = "--maximum", description = "set maximum limit on next boot") boolean maximum,
                         @Option(names = "--config", description = "affect next boot") boolean config,
                         @Option(names = "--live", description = "affect running domain") boolean live,
                         @Option(names = "--current", description = "affect current domain") boolean current) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        try {
            d.setVcpus(count, affect(config, live, current) | (maximum ? Flags.Vcpu.MAXIMUM : 0));
        } catch (LibvirtException e) {
            throw new CliError("Unable to change vcpu count", e);
        }
        Session.current().print("");
    }

    @Command(name = "setvcpu", description = "attach/detach vcpu or groups of threads")
    static void setvcpu(@Parameters(index = "0", paramLabel = "DOMAIN") String dom,
                        @Parameters(index = "1", paramLabel = "VCPULIST", description = "ids of vcpus to manipulate") String list,
                        @Option(names = "--enable", description = "enable cpus specified by cpumap") boolean enable,
                        @Option(names = "--disable", description = "disable cpus specified by cpumap") boolean disable,
                        @Option(names = "--config", description = "affect next boot") boolean config,
                        @Option(names = "--live", description = "affect running domain") boolean live,
                        @Option(names = "--current", description = "affect current domain") boolean current) {
        if (enable && disable) {
            throw new CliError("Options --enable and --disable are mutually exclusive");
        }
        if (!enable && !disable) {
            throw new CliError("one of --enable, --disable is required");
        }
        int flags = affect(config, live, current);
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        try {
            d.setVcpu(list, enable, flags);
        } catch (LibvirtException e) {
            throw new CliError(e.getMessage());
        }
        Session.current().print("");
    }

    @Command(name = "vcpucount", description = "domain vcpu counts")
    static void vcpucount(@Parameters(paramLabel = "DOMAIN") String dom) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        StringBuilder sb = new StringBuilder();
        boolean active = d.isActive();
        for (String kind : new String[] {"maximum", "current"}) {
            int m = kind.equals("maximum") ? Flags.Vcpu.MAXIMUM : 0;
            if (d.isPersistent()) {
                sb.append(String.format(Locale.ROOT, "%-12s %-12s %3d%n", kind, "config", d.getVcpus(m | Flags.Affect.CONFIG)));
            }
            if (active) {
                sb.append(String.format(Locale.ROOT, "%-12s %-12s %3d%n", kind, "live", d.getVcpus(m | Flags.Affect.LIVE)));
            }
        }
        Session.current().print(sb.toString());
    }
}
