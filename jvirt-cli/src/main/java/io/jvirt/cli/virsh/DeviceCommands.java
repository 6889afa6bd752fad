package io.jvirt.cli.virsh;

import io.jvirt.Domain;
import io.jvirt.Flags;
import io.jvirt.cli.CliError;
import io.jvirt.error.LibvirtException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Map;

/** domblklist, domblkstat, domiflist, domifstat: read from the domain XML and QEMU's counters. */
public final class DeviceCommands {
    /** virsh's names for virDomainBlockStatsFlags' parameters. */
    private static final Map<String, String> BLOCK_NAMES = Map.of("rd_operations", "rd_req", "wr_operations", "wr_req");

    private DeviceCommands() {
    }

    @Command(name = "domblklist", description = "list all domain blocks")
    static void domblklist(@Parameters(paramLabel = "DOMAIN") String dom,
                           @Option(names = "--inactive", description = "get inactive rather than running configuration")
                           boolean inactive) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        var xml = XmlView.of(d.getXMLDesc(inactive ? Flags.Xml.INACTIVE : 0));
        Table t = new Table("Target", "Source");
        for (var disk : xml.all("devices/disk")) {
            String src = disk.attrOf("source", "file", "dev", "dir", "name", "volume");
            t.add(disk.attrOf("target", "dev"), src == null ? "-" : src);
        }
        Session.current().print(t.render());
    }

    @Command(name = "domiflist", description = "list all domain virtual interfaces")
    static void domiflist(@Parameters(paramLabel = "DOMAIN") String dom,
                          @Option(names = "--inactive", description = "get inactive rather than running configuration")
                          boolean inactive) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        var xml = XmlView.of(d.getXMLDesc(inactive ? Flags.Xml.INACTIVE : 0));
        Table t = new Table("Interface", "Type", "Source", "Model", "MAC");
        for (var nic : xml.all("devices/interface")) {
            String target = nic.attrOf("target", "dev");
            String src = nic.attrOf("source", "network", "bridge", "dev");
            String model = nic.attrOf("model", "type");
            t.add(target == null ? "-" : target, nic.attr("type"), src == null ? "-" : src, model == null ? "-" : model,
                    nic.attrOf("mac", "address"));
        }
        Session.current().print(t.render());
    }

    @Command(name = "domblkstat", description = "get device block stats for a domain")
    static void domblkstat(@Parameters(index = "0", paramLabel = "DOMAIN") String dom,
                           @Parameters(index = "1", paramLabel = "DEVICE", arity = "0..1") String device,
                           @Option(names = "--human", description = "print a more human readable output") boolean human) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        Map<String, Long> stats;
        try {
            stats = d.blockStats(device == null ? "" : device);
        } catch (LibvirtException e) {
            throw new CliError("Failed to get block stats " + d.getName() + " " + (device == null ? "" : device), e);
        }
        StringBuilder sb = new StringBuilder();
        if (human) {
            sb.append("Device: ").append(device).append('\n');
        }
        stats.forEach((k, v) -> {
            String name = BLOCK_NAMES.getOrDefault(k, k);
            sb.append(human ? String.format("%-24s %d%n", " " + name + ":", v) : device + " " + name + " " + v + "\n");
        });
        Session.current().print(sb.toString());
    }

    @Command(name = "domifstat", description = "get network interface stats for a domain")
    static void domifstat(@Parameters(index = "0", paramLabel = "DOMAIN") String dom,
                          @Parameters(index = "1", paramLabel = "INTERFACE") String iface) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        Map<String, Long> stats;
        try {
            stats = d.interfaceStats(iface);
        } catch (LibvirtException e) {
            throw new CliError("Failed to get interface stats " + d.getName() + " " + iface, e);
        }
        StringBuilder sb = new StringBuilder();
        stats.forEach((k, v) -> {
            if (v >= 0) {
                sb.append(iface).append(' ').append(k).append(' ').append(v).append('\n');
            }
        });
        Session.current().print(sb.toString());
    }
}
