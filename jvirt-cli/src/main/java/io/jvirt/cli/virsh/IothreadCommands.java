package io.jvirt.cli.virsh;

import io.jvirt.Domain;
import io.jvirt.IOThreadInfo;
import io.jvirt.cli.CliError;
import io.jvirt.error.LibvirtException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/** iothreadinfo, iothreadpin, iothreadadd, iothreaddel: a domain's IOThreads, as virsh shows and changes them. */
public final class IothreadCommands {
    private IothreadCommands() {
    }

    @Command(name = "iothreadinfo", description = "view domain IOThreads")
    static void iothreadinfo(@Parameters(paramLabel = "DOMAIN") String dom,
                             @Option(names = "--config", description = "affect next boot") boolean config,
                             @Option(names = "--live", description = "affect running domain") boolean live,
                             @Option(names = "--current", description = "affect current domain") boolean current) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        List<IOThreadInfo> info;
        try {
            info = d.getIOThreadInfo(MemoryCommands.affect(config, live, current));
        } catch (LibvirtException e) {
            throw new CliError("Unable to get domain IOThreads information", e);
        }
        if (info.isEmpty()) {
            Session.current().print("No IOThreads found for the domain\n");
            return;
        }
        Table t = new Table("IOThread ID", "CPU Affinity");
        info.forEach(i -> t.add(Integer.toString(i.id()), TuningCommands.format(i.cpus())));
        Session.current().print(t.render());
    }

    @Command(name = "iothreadpin", description = "control domain IOThread affinity")
    static void iothreadpin(@Parameters(index = "0", paramLabel = "DOMAIN") String dom,
                            @Parameters(index = "1", paramLabel = "IOTHREAD", description = "IOThread ID number") int id,
                            @Parameters(index = "2", paramLabel = "CPULIST", description = "host cpu number(s) to set") String list,
                            @Option(names = "--config", description = "affect next boot") boolean config,
                            @Option(names = "--live", description = "affect running domain") boolean live,
                            @Option(names = "--current", description = "affect current domain") boolean current) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        java.util.BitSet cpus = TuningCommands.cpus(list);
        run(() -> d.pinIOThread(id, cpus, MemoryCommands.affect(config, live, current)));
    }

    @Command(name = "iothreadadd", description = "add an IOThread to the guest domain")
    static void iothreadadd(@Parameters(index = "0", paramLabel = "DOMAIN") String dom,
                            @Parameters(index = "1", paramLabel = "ID", description = "iothread for the new IOThread") int id,
                            @Option(names = "--config", description = "affect next boot") boolean config,
                            @Option(names = "--live", description = "affect running domain") boolean live,
                            @Option(names = "--current", description = "affect current domain") boolean current) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        run(() -> d.addIOThread(positive(id), MemoryCommands.affect(config, live, current)));
    }

    @Command(name = "iothreaddel", description = "delete an IOThread associated with the guest domain")
    static void iothreaddel(@Parameters(index = "0", paramLabel = "DOMAIN") String dom,
                            @Parameters(index = "1", paramLabel = "ID", description = "iothread_id for the IOThread to delete") int id,
                            @Option(names = "--config", description = "affect next boot") boolean config,
                            @Option(names = "--live", description = "affect running domain") boolean live,
                            @Option(names = "--current", description = "affect current domain") boolean current) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        run(() -> d.delIOThread(positive(id), MemoryCommands.affect(config, live, current)));
    }

    private static int positive(int id) {
        if (id <= 0) {
            throw new CliError("Invalid IOThread id value: '" + id + "'");
        }
        return id;
    }

    private static void run(Runnable change) {
        try {
            change.run();
        } catch (LibvirtException e) {
            throw new CliError(e.getMessage());
        }
        Session.current().print("");
    }
}
