package io.jvirt.cli.virsh;

import io.jvirt.Domain;
import io.jvirt.TunableGroup;
import io.jvirt.TypedParameter;
import io.jvirt.cli.CliError;
import io.jvirt.error.LibvirtException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

/** memtune, schedinfo, blkiotune, numatune: tuning parameters, printed as virsh prints them. */
public final class TuningCommands {
    /** libvirt's "unlimited" memory parameter, KiB. */
    static final long UNLIMITED_KIB = 9007199254740991L;
    static final List<String> NUMA_MODES = List.of("strict", "preferred", "interleave", "restrictive");

    private TuningCommands() {
    }

    @Command(name = "memtune", description = "Get or set memory parameters")
    static void memtune(@Parameters(paramLabel = "DOMAIN") String dom,
                        @Option(names = "--hard-limit", description = "Max memory, as scaled integer (default KiB)") String hard,
                        @Option(names = "--soft-limit", description = "Memory during contention, as scaled integer (default KiB)") String soft,
                        @Option(names = "--swap-hard-limit", description = "Max memory plus swap, as scaled integer (default KiB)") String swap,
                        @Option(names = "--min-guarantee", description = "Min guaranteed memory, as scaled integer (default KiB)") String min,
                        @Option(names = "--config", description = "affect next boot") boolean config,
                        @Option(names = "--live", description = "affect running domain") boolean live,
                        @Option(names = "--current", description = "affect current domain") boolean current) {
        List<TypedParameter> set = new ArrayList<>();
        String[][] given = {{"hard_limit", hard}, {"soft_limit", soft}, {"swap_hard_limit", swap}, {"min_guarantee", min}};
        for (String[] g : given) {
            if (g[1] != null) {
                long kib = g[1].strip().equals("-1") ? UNLIMITED_KIB : Math.min(MemoryCommands.kib(g[1]), UNLIMITED_KIB);
                set.add(TypedParameter.ofULong(g[0], kib));
            }
        }
        run(dom, TunableGroup.MEMORY, set, MemoryCommands.affect(config, live, current), "memory",
                p -> p.asLong() >= UNLIMITED_KIB ? "unlimited" : p.asText());
    }

    @Command(name = "schedinfo", description = "show/set scheduler parameters")
    static void schedinfo(@Parameters(index = "0", paramLabel = "DOMAIN") String dom,
                          @Parameters(index = "1..*", paramLabel = "FIELD=VALUE", arity = "0..*", description = "parameters to set") List<String> positional,
                          @Option(names = "--set", description = "parameter=value") List<String> sets,
                          @Option(names = "--weight", description = "weight for XEN_CREDIT") Integer weight,
                          @Option(names = "--cap", description = "cap for XEN_CREDIT") Integer cap,
                          @Option(names = "--config", description = "affect next boot") boolean config,
                          @Option(names = "--live", description = "affect running domain") boolean live,
                          @Option(names = "--current", description = "affect current domain") boolean current) {
        if (weight != null || cap != null) {
            throw new CliError("Invalid scheduler option: --weight and --cap apply to the Xen credit scheduler only");
        }
        List<String> all = new ArrayList<>();
        if (positional != null) {
            all.addAll(positional);
        }
        if (sets != null) {
            all.addAll(sets);
        }
        List<TypedParameter> params = new ArrayList<>();
        for (String s : all) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new CliError("Invalid syntax for --set, expecting name=value");
            }
            String name = s.substring(0, eq);
            long v;
            try {
                v = Long.parseLong(s.substring(eq + 1).strip());
            } catch (NumberFormatException e) {
                throw new CliError("Invalid value for parameter, expecting a number: '" + s + "'");
            }
            params.add(name.endsWith("_quota") ? TypedParameter.ofLong(name, v) : TypedParameter.ofULong(name, v));
        }
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        int flags = MemoryCommands.affect(config, live, current);
        String type;
        try {
            type = d.getSchedulerType();
            if (!params.isEmpty()) {
                d.setSchedulerParameters(params, flags);
            }
        } catch (LibvirtException e) {
            throw new CliError(params.isEmpty() ? "Failed to get scheduler parameters" : "Failed to set scheduler parameters", e);
        }
        StringBuilder sb = new StringBuilder(String.format("%-15s: %s%n", "Scheduler", type));
        try {
            d.getSchedulerParameters(flags).forEach(p -> sb.append(String.format("%-15s: %s%n", p.field(), p.asText())));
        } catch (LibvirtException e) {
            throw new CliError("Failed to get scheduler parameters", e);
        }
        Session.current().print(sb.toString());
    }

    @Command(name = "blkiotune", description = "Get or set blkio parameters")
    static void blkiotune(@Parameters(paramLabel = "DOMAIN") String dom,
                          @Option(names = "--weight", description = "IO Weight") Integer weight,
                          @Option(names = "--device-weights", description = "per-device IO Weights, in the form of /path/to/device,weight,...") String devWeights,
                          @Option(names = "--device-read-iops-sec", description = "per-device read I/O limit per second") String rIops,
                          @Option(names = "--device-write-iops-sec", description = "per-device write I/O limit per second") String wIops,
                          @Option(names = "--device-read-bytes-sec", description = "per-device bytes read per second") String rBytes,
                          @Option(names = "--device-write-bytes-sec", description = "per-device bytes written per second") String wBytes,
                          @Option(names = "--config", description = "affect next boot") boolean config,
                          @Option(names = "--live", description = "affect running domain") boolean live,
                          @Option(names = "--current", description = "affect current domain") boolean current) {
        List<TypedParameter> set = new ArrayList<>();
        if (weight != null) {
            set.add(TypedParameter.ofUInt("weight", weight));
        }
        String[][] given = {{"device_weight", devWeights}, {"device_read_iops_sec", rIops},
            {"device_write_iops_sec", wIops}, {"device_read_bytes_sec", rBytes}, {"device_write_bytes_sec", wBytes}};
        for (String[] g : given) {
            if (g[1] != null) {
                set.add(TypedParameter.ofString(g[0], g[1]));
            }
        }
        run(dom, TunableGroup.BLKIO, set, MemoryCommands.affect(config, live, current), "blkio", TypedParameter::asText);
    }

    @Command(name = "numatune", description = "Get or set numa parameters")
    static void numatune(@Parameters(paramLabel = "DOMAIN") String dom,
                         @Option(names = "--mode", description = "NUMA mode, one of strict, preferred, interleave and restrictive") String mode,
                         @Option(names = "--nodeset", description = "NUMA node selections to set") String nodeset,
                         @Option(names = "--config", description = "affect next boot") boolean config,
                         @Option(names = "--live", description = "affect running domain") boolean live,
                         @Option(names = "--current", description = "affect current domain") boolean current) {
        List<TypedParameter> set = new ArrayList<>();
        if (mode != null) {
            int m = NUMA_MODES.indexOf(mode);
            if (m < 0) {
                try {
                    m = Integer.parseInt(mode);
                } catch (NumberFormatException e) {
                    throw new CliError("Invalid mode: " + mode);
                }
            }
            set.add(TypedParameter.ofInt("numa_mode", m));
        }
        if (nodeset != null) {
            set.add(TypedParameter.ofString("numa_nodeset", nodeset));
        }
        run(dom, TunableGroup.NUMA, set, MemoryCommands.affect(config, live, current), "numa",
                p -> p.field().equals("numa_mode") && p.asLong() >= 0 && p.asLong() < NUMA_MODES.size()
                        ? NUMA_MODES.get((int) p.asLong()) : p.asText());
    }

    /** blkdeviotune's numeric options: each libvirt parameter as a dashed option. */
    static final List<String> IOTUNE = io.jvirt.conf.device.DiskIotuneDef.NAMES;

    @Command(name = "blkdeviotune", description = "Set or query a block device I/O tuning parameters.")
    static void blkdeviotune(@Parameters(index = "0", paramLabel = "DOMAIN") String dom,
                             @Parameters(index = "1", paramLabel = "DEVICE", description = "block device") String device,
                             @Option(names = {"--total-bytes-sec", "--total_bytes_sec"}) String totalBytes,
                             @Option(names = {"--read-bytes-sec", "--read_bytes_sec"}) String readBytes,
                             @Option(names = {"--write-bytes-sec", "--write_bytes_sec"}) String writeBytes,
                             @Option(names = {"--total-iops-sec", "--total_iops_sec"}) String totalIops,
                             @Option(names = {"--read-iops-sec", "--read_iops_sec"}) String readIops,
                             @Option(names = {"--write-iops-sec", "--write_iops_sec"}) String writeIops,
                             @Option(names = {"--total-bytes-sec-max", "--total_bytes_sec_max"}) String totalBytesMax,
                             @Option(names = {"--read-bytes-sec-max", "--read_bytes_sec_max"}) String readBytesMax,
                             @Option(names = {"--write-bytes-sec-max", "--write_bytes_sec_max"}) String writeBytesMax,
                             @Option(names = {"--total-iops-sec-max", "--total_iops_sec_max"}) String totalIopsMax,
                             @Option(names = {"--read-iops-sec-max", "--read_iops_sec_max"}) String readIopsMax,
                             @Option(names = {"--write-iops-sec-max", "--write_iops_sec_max"}) String writeIopsMax,
                             @Option(names = {"--size-iops-sec", "--size_iops_sec"}) String sizeIops,
                             @Option(names = {"--total-bytes-sec-max-length", "--total_bytes_sec_max_length"}) String l1,
                             @Option(names = {"--read-bytes-sec-max-length", "--read_bytes_sec_max_length"}) String l2,
                             @Option(names = {"--write-bytes-sec-max-length", "--write_bytes_sec_max_length"}) String l3,
                             @Option(names = {"--total-iops-sec-max-length", "--total_iops_sec_max_length"}) String l4,
                             @Option(names = {"--read-iops-sec-max-length", "--read_iops_sec_max_length"}) String l5,
                             @Option(names = {"--write-iops-sec-max-length", "--write_iops_sec_max_length"}) String l6,
                             @Option(names = {"--group-name", "--group_name"}) String group,
                             @Option(names = "--config", description = "affect next boot") boolean config,
                             @Option(names = "--live", description = "affect running domain") boolean live,
                             @Option(names = "--current", description = "affect current domain") boolean current) {
        String[] values = {totalBytes, readBytes, writeBytes, totalIops, readIops, writeIops, totalBytesMax, readBytesMax,
            writeBytesMax, totalIopsMax, readIopsMax, writeIopsMax, sizeIops, l1, l2, l3, l4, l5, l6};
        List<TypedParameter> set = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                String name = IOTUNE.get(i);
                // byte rates take a scaled integer ("10M"); plain numbers are bytes
                boolean scaled = name.contains("bytes") && !name.endsWith("_length") && !values[i].strip().matches("\\d+");
                long v = scaled ? MemoryCommands.kib(values[i]) * 1024 : number(values[i], name);
                set.add(TypedParameter.ofULong(name, v));
            }
        }
        if (group != null) {
            set.add(TypedParameter.ofString("group_name", group));
        }
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        int flags = MemoryCommands.affect(config, live, current);
        if (!set.isEmpty()) {
            try {
                d.setBlockIoTune(device, set, flags);
            } catch (LibvirtException e) {
                throw new CliError("Unable to change block I/O throttle", e);
            }
            Session.current().print("");
            return;
        }
        List<TypedParameter> params;
        try {
            params = d.getBlockIoTune(device, flags);
        } catch (LibvirtException e) {
            throw new CliError("Unable to get block I/O throttle parameters", e);
        }
        StringBuilder sb = new StringBuilder();
        params.forEach(p -> sb.append(String.format("%-15s: %s%n", p.field(), p.asText())));
        Session.current().print(sb.toString());
    }

    private static long number(String text, String name) {
        try {
            return Long.parseUnsignedLong(text.strip());
        } catch (NumberFormatException e) {
            throw new CliError("Unable to parse integer parameter '" + name + "'");
        }
    }

    @Command(name = "vcpupin", description = "control or query domain vcpu affinity")
    static void vcpupin(@Parameters(index = "0", paramLabel = "DOMAIN") String dom,
                        @Parameters(index = "1", arity = "0..1", paramLabel = "VCPU", description = "vcpu number") Integer vcpuPos,
                        @Parameters(index = "2", arity = "0..1", paramLabel = "CPULIST", description = "host cpu number(s) to set") String listPos,
                        @Option(names = "--vcpu", description = "vcpu number") Integer vcpuOpt,
                        @Option(names = "--cpulist", description = "host cpu number(s) to set, or omit option to query") String listOpt,
                        @Option(names = "--config", description = "affect next boot") boolean config,
                        @Option(names = "--live", description = "affect running domain") boolean live,
                        @Option(names = "--current", description = "affect current domain") boolean current) {
        Integer vcpu = vcpuOpt != null ? vcpuOpt : vcpuPos;
        String list = listOpt != null ? listOpt : listPos;
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        int flags = MemoryCommands.affect(config, live, current);
        if (list != null) {
            if (vcpu == null) {
                throw new CliError("vcpupin: Missing vCPU number in pin mode.");
            }
            try {
                d.pinVcpu(vcpu, cpus(list), flags);
            } catch (LibvirtException e) {
                throw new CliError(e.getMessage());
            }
            Session.current().print("");
            return;
        }
        List<java.util.BitSet> maps;
        try {
            maps = d.getVcpuPinInfo(flags);
        } catch (LibvirtException e) {
            throw new CliError("Unable to get vcpu pin information", e);
        }
        if (vcpu != null && (vcpu < 0 || vcpu >= maps.size())) {
            throw new CliError("vcpu " + vcpu + " is out of range of persistent cpu count " + maps.size());
        }
        Table t = new Table("VCPU", "CPU Affinity");
        for (int i = 0; i < maps.size(); i++) {
            if (vcpu == null || vcpu == i) {
                t.add(Integer.toString(i), format(maps.get(i)));
            }
        }
        Session.current().print(t.render());
    }

    @Command(name = "emulatorpin", description = "control or query domain emulator affinity")
    static void emulatorpin(@Parameters(index = "0", paramLabel = "DOMAIN") String dom,
                            @Parameters(index = "1", arity = "0..1", paramLabel = "CPULIST", description = "host cpu number(s) to set") String listPos,
                            @Option(names = "--cpulist", description = "host cpu number(s) to set, or omit option to query") String listOpt,
                            @Option(names = "--config", description = "affect next boot") boolean config,
                            @Option(names = "--live", description = "affect running domain") boolean live,
                            @Option(names = "--current", description = "affect current domain") boolean current) {
        String list = listOpt != null ? listOpt : listPos;
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        int flags = MemoryCommands.affect(config, live, current);
        if (list != null) {
            try {
                d.pinEmulator(cpus(list), flags);
            } catch (LibvirtException e) {
                throw new CliError(e.getMessage());
            }
            Session.current().print("");
            return;
        }
        java.util.BitSet set;
        try {
            set = d.getEmulatorPinInfo(flags);
        } catch (LibvirtException e) {
            throw new CliError("Unable to get emulator pin information", e);
        }
        Session.current().print("emulator: CPU Affinity\n----------------------------------\n       *: " + format(set) + "\n");
    }

    /** A cpulist ("0-3,^2,5", or "r" for every CPU of the host) as a set. */
    static java.util.BitSet cpus(String list) {
        if (list.strip().equals("r")) {
            java.util.BitSet b = new java.util.BitSet();
            b.set(0, Runtime.getRuntime().availableProcessors());
            return b;
        }
        try {
            return io.jvirt.conf.CpuSet.parse(list);
        } catch (IllegalArgumentException e) {
            throw new CliError("cpulist: Invalid format.");
        }
    }

    static String format(java.util.BitSet b) {
        return io.jvirt.conf.CpuSet.format(b);
    }

    /** Sets {@code set} if any (printing nothing), else prints the group's parameters. */
    private static void run(String dom, TunableGroup group, List<TypedParameter> set, int flags, String what,
                            java.util.function.Function<TypedParameter, String> format) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        if (!set.isEmpty()) {
            try {
                d.setTunables(group, set, flags);
            } catch (LibvirtException e) {
                throw new CliError("Unable to change " + what + " parameters", e);
            }
            Session.current().print("");
            return;
        }
        List<TypedParameter> params;
        try {
            params = d.getTunables(group, flags);
        } catch (LibvirtException e) {
            throw new CliError("Unable to get " + what + " parameters", e);
        }
        StringBuilder sb = new StringBuilder();
        params.forEach(p -> sb.append(String.format("%-15s: %s%n", p.field(), format.apply(p))));
        Session.current().print(sb.toString());
    }
}
