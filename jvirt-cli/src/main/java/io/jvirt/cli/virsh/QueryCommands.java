package io.jvirt.cli.virsh;

import io.jvirt.Domain;
import io.jvirt.DomainInfo;
import io.jvirt.DomainStatus;
import io.jvirt.Flags;
import io.jvirt.cli.CliError;
import io.jvirt.error.LibvirtException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Locale;

/** list, dominfo, domstate, dumpxml: virsh's names, options and output formats. */
public final class QueryCommands {
    private QueryCommands() {
    }

    @Command(name = "list", description = "list domains")
    static void list(@Option(names = "--all", description = "list inactive & active domains") boolean all,
              @Option(names = "--inactive", description = "list inactive domains") boolean inactive,
              @Option(names = "--transient", description = "list transient domains") boolean transientOnly,
              @Option(names = "--persistent", description = "list persistent domains") boolean persistent,
              @Option(names = "--autostart", description = "list domains with autostart enabled") boolean autostart,
              @Option(names = "--no-autostart", description = "list domains with autostart disabled") boolean noAutostart,
              @Option(names = "--name", description = "list domain names only") boolean nameOnly,
              @Option(names = "--uuid", description = "list uuid's only") boolean uuidOnly) {
        int flags = 0;
        if (inactive) {
            flags |= Flags.ListAll.INACTIVE;
        } else if (!all) {
            flags |= Flags.ListAll.ACTIVE;
        }
        flags |= (transientOnly ? Flags.ListAll.TRANSIENT : 0) | (persistent ? Flags.ListAll.PERSISTENT : 0)
                | (autostart ? Flags.ListAll.AUTOSTART : 0) | (noAutostart ? Flags.ListAll.NO_AUTOSTART : 0);
        List<Domain> doms;
        try {
            doms = sorted(Session.current().conn().listAllDomains(flags));
        } catch (LibvirtException e) {
            throw new CliError("Failed to list domains", e);
        }
        if (nameOnly || uuidOnly) {
            StringBuilder sb = new StringBuilder();
            for (Domain d : doms) {
                sb.append(uuidOnly && nameOnly ? d.getUUIDString() + " " + d.getName()
                        : uuidOnly ? d.getUUIDString() : d.getName()).append('\n');
            }
            Session.current().print(sb.toString());
            return;
        }
        Table t = new Table("Id", "Name", "State");
        for (Domain d : doms) {
            int id = d.getID();
            t.add(id < 0 ? "-" : Integer.toString(id), d.getName(), d.getState().state().label());
        }
        Session.current().print(t.render());
    }

    /** virsh's order: running domains by id, then inactive ones by name. */
    private static List<Domain> sorted(List<Domain> doms) {
        record Row(Domain d, int id) { }
        return doms.stream().map(d -> new Row(d, d.getID()))
                .sorted((a, b) -> {
                    if (a.id() >= 0 && b.id() >= 0) {
                        return Integer.compare(a.id(), b.id());
                    }
                    if (a.id() >= 0 != b.id() >= 0) {
                        return a.id() >= 0 ? -1 : 1;
                    }
                    return a.d().getName().compareTo(b.d().getName());
                }).map(Row::d).toList();
    }

    @Command(name = "dominfo", description = "domain information")
    static void dominfo(@Parameters(paramLabel = "DOMAIN", description = "domain name, id or uuid") String dom) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        DomainInfo info = d.getInfo();
        int id = d.getID();
        StringBuilder sb = new StringBuilder();
        row(sb, "Id:", id < 0 ? "-" : Integer.toString(id));
        row(sb, "Name:", d.getName());
        row(sb, "UUID:", d.getUUIDString());
        row(sb, "OS Type:", d.getOSType());
        row(sb, "State:", info.state().label());
        row(sb, "CPU(s):", Integer.toString(info.nrVirtCpu()));
        if (info.cpuTimeNs() != 0) {
            row(sb, "CPU time:", String.format(Locale.ROOT, "%.1fs", info.cpuTimeNs() / 1e9));
        }
        row(sb, "Max memory:", info.maxMemKiB() + " KiB");
        row(sb, "Used memory:", info.memoryKiB() + " KiB");
        row(sb, "Persistent:", d.isPersistent() ? "yes" : "no");
        row(sb, "Autostart:", d.getAutostart() ? "enable" : "disable");
        row(sb, "Managed save:", d.hasManagedSaveImage() ? "yes" : "no");
        row(sb, "Security model:", "none");
        row(sb, "Security DOI:", "0");
        Session.current().print(sb.toString());
    }

    private static void row(StringBuilder sb, String label, String value) {
        sb.append(String.format(Locale.ROOT, "%-16s%s%n", label, value));
    }

    @Command(name = "domstate", description = "domain state")
    static void domstate(@Parameters(paramLabel = "DOMAIN", description = "domain name, id or uuid") String dom,
                  @Option(names = "--reason", description = "also print reason for the state") boolean reason) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        DomainStatus st = d.getState();
        Session.current().print(reason ? st.toString() : st.state().label());
    }

    @Command(name = "dumpxml", description = "domain information in XML")
    static void dumpxml(@Parameters(paramLabel = "DOMAIN", description = "domain name, id or uuid") String dom,
                 @Option(names = "--inactive", description = "show inactive defined XML") boolean inactive,
                 @Option(names = "--security-info", description = "include security sensitive information in XML dump")
                 boolean secure,
                 @Option(names = "--update-cpu", description = "update guest CPU according to host CPU") boolean updateCpu,
                 @Option(names = "--migratable", description = "provide XML suitable for migrations") boolean migratable) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        int flags = (inactive ? Flags.Xml.INACTIVE : 0) | (secure ? Flags.Xml.SECURE : 0)
                | (updateCpu ? Flags.Xml.UPDATE_CPU : 0) | (migratable ? Flags.Xml.MIGRATABLE : 0);
        Session.current().print(d.getXMLDesc(flags));
    }

    @Command(name = "domxml-to-native", description = "Convert domain XML to native guest configuration")
    static void domxmlToNative(@Parameters(index = "0", paramLabel = "FORMAT", description = "target config data type format") String format,
                               @Parameters(index = "1", paramLabel = "XML", arity = "0..1", description = "xml data file to export from") String file,
                               @Option(names = "--domain", description = "domain name, id or uuid") String dom,
                               @Option(names = "--xml", description = "xml data file to export from") String xmlOpt) {
        String xml;
        if (dom != null) {
            xml = DomainArg.lookup(Session.current().conn(), dom).getXMLDesc(Flags.Xml.INACTIVE);
        } else if (file != null || xmlOpt != null) {
            xml = LifecycleCommands.readFile(file != null ? file : xmlOpt);
        } else {
            throw new CliError("need either domain or domain XML");
        }
        try {
            Session.current().print(Session.current().conn().domainXmlToNative(format, xml, 0));
        } catch (LibvirtException e) {
            throw new CliError("failed to convert domain XML to " + format, e);
        }
    }

    @Command(name = "domxml-from-native", description = "Convert native config to domain XML")
    static void domxmlFromNative(@Parameters(index = "0", paramLabel = "FORMAT", description = "source config data format") String format,
                                 @Parameters(index = "1", paramLabel = "CONFIG", description = "config data file to import from") String file) {
        String config = LifecycleCommands.readFile(file);
        try {
            Session.current().print(Session.current().conn().domainXmlFromNative(format, config, 0));
        } catch (LibvirtException e) {
            throw new CliError("failed to convert " + format + " to domain XML", e);
        }
    }
}
