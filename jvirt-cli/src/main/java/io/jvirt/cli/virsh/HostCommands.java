package io.jvirt.cli.virsh;

import io.jvirt.Connect;
import io.jvirt.NodeInfo;
import io.jvirt.cli.CliError;
import io.jvirt.error.LibvirtException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * capabilities, domcapabilities, nodeinfo, nodememstats, sysinfo, version, hostname, uri: virsh's
 * names, options and output formats.
 */
public final class HostCommands {
    private HostCommands() {
    }

    /** Runs {@code call}; a libvirt failure becomes virsh's two error lines. */
    private static <T> T call(String failure, Supplier<T> call) {
        try {
            return call.get();
        } catch (LibvirtException e) {
            throw new CliError(failure, e);
        }
    }

    private static Connect conn() {
        return Session.current().conn();
    }

    @Command(name = "capabilities", description = "capabilities")
    static void capabilities() {
        Session.current().print(call("failed to get capabilities", () -> conn().getCapabilities()));
    }

    @Command(name = "domcapabilities", description = "domain capabilities")
    static void domcapabilities(
            @Option(names = "--virttype", paramLabel = "TYPE", description = "virtualization type (/domain/@type)") String virttype,
            @Option(names = "--emulatorbin", paramLabel = "PATH", description = "path to emulator binary (/domain/devices/emulator)")
            String emulatorbin,
            @Option(names = "--arch", paramLabel = "ARCH", description = "domain architecture (/domain/os/type/@arch)") String arch,
            @Option(names = "--machine", paramLabel = "MACHINE", description = "machine type (/domain/os/type/@machine)")
            String machine) {
        Session.current().print(call("failed to get emulator capabilities",
                () -> conn().getDomainCapabilities(emulatorbin, arch, machine, virttype, 0)));
    }

    @Command(name = "nodeinfo", description = "node information")
    static void nodeinfo() {
        NodeInfo n = call("failed to get node information", () -> conn().getNodeInfo());
        StringBuilder sb = new StringBuilder();
        row(sb, "CPU model:", n.model());
        row(sb, "CPU(s):", Integer.toString(n.cpus()));
        row(sb, "CPU frequency:", n.mhz() + " MHz");
        row(sb, "CPU socket(s):", Integer.toString(n.sockets()));
        row(sb, "Core(s) per socket:", Integer.toString(n.cores()));
        row(sb, "Thread(s) per core:", Integer.toString(n.threads()));
        row(sb, "NUMA cell(s):", Integer.toString(n.nodes()));
        row(sb, "Memory size:", n.memoryKiB() + " KiB");
        Session.current().print(sb.toString());
    }

    private static void row(StringBuilder sb, String label, String value) {
        sb.append(String.format(Locale.ROOT, "%-20s %s%n", label, value));
    }

    @Command(name = "nodememstats", description = "Prints memory stats of the node.")
    static void nodememstats(
            @Option(names = "--cell", paramLabel = "NUM", description = "prints specified cell statistics only.",
                    defaultValue = "-1") int cell) {
        Map<String, Long> stats = call("Unable to get number of memory stats",
                () -> conn().getNodeMemoryStats(cell, 0));
        StringBuilder sb = new StringBuilder();
        for (var e : stats.entrySet()) {
            sb.append(String.format(Locale.ROOT, "%-7s: %20d KiB%n", e.getKey(), e.getValue()));
        }
        Session.current().print(sb.toString());
    }

    @Command(name = "sysinfo", description = "print the hypervisor sysinfo")
    static void sysinfo() {
        Session.current().print(call("failed to get sysinfo", () -> conn().getSysinfo(0)));
    }

    @Command(name = "version", description = "show version")
    static void version(@Option(names = "--daemon", description = "report daemon version too") boolean daemon) {
        Connect c = conn();
        String lib = call("failed to get the library version", () -> version(c.getLibVersion()));
        String type = call("failed to get hypervisor type", c::getType);
        String hv = call("failed to get the hypervisor version", () -> version(c.getVersion()));
        Session.current().print("Compiled against library: libvirt " + lib + "\n"
                + "Using library: libvirt " + lib + "\n"
                + "Using API: " + type + " " + lib + "\n"
                + "Running hypervisor: " + type + " " + hv + "\n");
    }

    static String version(long v) {
        return (v / 1_000_000) + "." + (v / 1000 % 1000) + "." + (v % 1000);
    }

    @Command(name = "hostname", description = "print the hypervisor hostname")
    static void hostname() {
        Session.current().print(call("failed to get hostname", () -> conn().getHostname()));
    }

    @Command(name = "uri", description = "print the hypervisor canonical URI")
    static void uri() {
        Session.current().print(call("failed to get URI", () -> conn().getURI()));
    }
}
