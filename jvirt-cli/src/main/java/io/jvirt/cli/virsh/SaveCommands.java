package io.jvirt.cli.virsh;

import io.jvirt.Domain;
import io.jvirt.Flags;
import io.jvirt.cli.CliError;
import io.jvirt.error.LibvirtException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** save, restore, managedsave, managedsave-remove, dump. */
public final class SaveCommands {
    private SaveCommands() {
    }

    private static int flags(boolean running, boolean paused, boolean bypassCache) {
        if (running && paused) {
            throw new CliError("Options --running and --paused are mutually exclusive");
        }
        return (running ? Flags.Save.RUNNING : 0) | (paused ? Flags.Save.PAUSED : 0)
                | (bypassCache ? Flags.Save.BYPASS_CACHE : 0);
    }

    @Command(name = "save", description = "save a domain state to a file")
    static void save(@Parameters(index = "0", paramLabel = "DOMAIN") String dom,
                     @Parameters(index = "1", paramLabel = "FILE", description = "where to save the data") String file,
                     @Option(names = "--running", description = "set domain to be running on restore") boolean running,
                     @Option(names = "--paused", description = "set domain to be paused on restore") boolean paused,
                     @Option(names = "--bypass-cache", description = "avoid file system cache when saving") boolean bypass,
                     @Option(names = "--verbose", description = "display the progress of save") boolean verbose) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        String abs = Path.of(file).toAbsolutePath().toString();
        int flags = flags(running, paused, bypass);
        try {
            JobWatch.run(d, "Save", verbose, () -> d.save(abs, flags));
        } catch (LibvirtException e) {
            throw new CliError("Failed to save domain '" + d.getName() + "' to " + file, e);
        }
        Session.current().print("\nDomain '" + d.getName() + "' saved to " + file);
    }

    /** virsh's names of the dump formats, in Flags.DumpFormat order. */
    private static final java.util.List<String> DUMP_FORMATS = java.util.List.of("elf", "kdump-zlib", "kdump-lzo",
            "kdump-snappy", "win-dmp");

    @Command(name = "dump", description = "dump the core of a domain to a file for analysis")
    static void dump(@Parameters(index = "0", paramLabel = "DOMAIN") String dom,
                     @Parameters(index = "1", paramLabel = "FILE", description = "where to dump the core") String file,
                     @Option(names = "--live", description = "perform a live core dump if supported") boolean live,
                     @Option(names = "--crash", description = "crash the domain after core dump") boolean crash,
                     @Option(names = "--bypass-cache", description = "avoid file system cache when dumping") boolean bypass,
                     @Option(names = "--reset", description = "reset the domain after core dump") boolean reset,
                     @Option(names = "--verbose", description = "display the progress of dump") boolean verbose,
                     @Option(names = "--memory-only", description = "dump domain's memory only") boolean memoryOnly,
                     @Option(names = "--format", paramLabel = "string",
                             description = "specify the format of memory-only dump") String format) {
        int fmt = Flags.DumpFormat.RAW;
        if (format != null) {
            if (!memoryOnly) {
                throw new CliError("--format only works with --memory-only");
            }
            fmt = DUMP_FORMATS.indexOf(format);
            if (fmt < 0) {
                throw new CliError("format '" + format + "' is not supported, expecting 'kdump-zlib', 'kdump-lzo', "
                        + "'kdump-snappy', 'win-dmp' or 'elf'");
            }
        }
        int flags = (live ? Flags.Dump.LIVE : 0) | (crash ? Flags.Dump.CRASH : 0) | (bypass ? Flags.Dump.BYPASS_CACHE : 0)
                | (reset ? Flags.Dump.RESET : 0) | (memoryOnly ? Flags.Dump.MEMORY_ONLY : 0);
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        String abs = Path.of(file).toAbsolutePath().toString();
        int dumpFormat = fmt;
        try {
            JobWatch.run(d, "Dump", verbose, () -> {
                if (format == null) {
                    d.coreDump(abs, flags);
                } else {
                    d.coreDumpWithFormat(abs, dumpFormat, flags);
                }
            });
        } catch (LibvirtException e) {
            throw new CliError("Failed to core dump domain '" + d.getName() + "' to " + file, e);
        }
        Session.current().print("\nDomain '" + d.getName() + "' dumped to " + file);
    }

    @Command(name = "restore", description = "restore a domain from a saved state in a file")
    static void restore(@Parameters(paramLabel = "FILE", description = "the state to restore") String file,
                        @Option(names = "--running", description = "restore domain into running state") boolean running,
                        @Option(names = "--paused", description = "restore domain into paused state") boolean paused,
                        @Option(names = "--bypass-cache", description = "avoid file system cache when restoring") boolean bypass) {
        try {
            Session.current().conn().restore(Path.of(file).toAbsolutePath().toString(), flags(running, paused, bypass));
        } catch (LibvirtException e) {
            throw new CliError("Failed to restore domain from " + file, e);
        }
        Session.current().print("Domain restored from " + file);
    }

    @Command(name = "managedsave", description = "managed save of a domain state")
    static void managedsave(@Parameters(paramLabel = "DOMAIN") String dom,
                            @Option(names = "--running", description = "set domain to be running on next start") boolean running,
                            @Option(names = "--paused", description = "set domain to be paused on next start") boolean paused,
                            @Option(names = "--bypass-cache", description = "avoid file system cache when saving") boolean bypass,
                            @Option(names = "--verbose", description = "display the progress of save") boolean verbose) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        int flags = flags(running, paused, bypass);
        try {
            JobWatch.run(d, "Managedsave", verbose, () -> d.managedSave(flags));
        } catch (LibvirtException e) {
            throw new CliError("Failed to save domain '" + d.getName() + "' state", e);
        }
        Session.current().print("\nDomain '" + d.getName() + "' state saved by libvirt");
    }

    private static final java.util.List<String> JOB_TYPES = java.util.List.of("None", "Bounded", "Unbounded",
            "Completed", "Failed", "Cancelled");

    @Command(name = "domjobinfo", description = "domain job information")
    static void domjobinfo(@Parameters(paramLabel = "DOMAIN") String dom) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        io.jvirt.DomainJobInfo j;
        try {
            j = d.getJobInfo();
        } catch (LibvirtException e) {
            throw new CliError("Failed to get job information for domain '" + d.getName() + "'", e);
        }
        var out = Session.current().out;
        String type = j.type() >= 0 && j.type() < JOB_TYPES.size() ? JOB_TYPES.get(j.type()) : "Unknown";
        out.printf("%-17s %-12s%n", "Job type:", type);
        if (j.type() != io.jvirt.DomainJobInfo.TYPE_NONE) {
            out.printf("%-17s %-12d ms%n", "Time elapsed:", j.timeElapsed());
            if (j.dataTotal() > 0 || j.dataProcessed() > 0) {
                size(out, "Data processed:", j.dataProcessed());
                size(out, "Data remaining:", j.dataRemaining());
                size(out, "Data total:", j.dataTotal());
            }
            if (j.memTotal() > 0 || j.memProcessed() > 0) {
                size(out, "Memory processed:", j.memProcessed());
                size(out, "Memory remaining:", j.memRemaining());
                size(out, "Memory total:", j.memTotal());
            }
        }
        out.println();
    }

    /** A byte count as virsh prints it: three decimals in the largest unit that keeps it >= 1. */
    private static void size(java.io.PrintStream out, String label, long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        out.printf(java.util.Locale.ROOT, "%-17s %-.3f %s%n", label, v, units[u]);
    }

    @Command(name = "domjobabort", description = "abort active domain job")
    static void domjobabort(@Parameters(paramLabel = "DOMAIN") String dom) {
        // as virsh: a failure shows libvirt's error alone
        DomainArg.lookup(Session.current().conn(), dom).abortJob();
    }

    @Command(name = "managedsave-remove", description = "Remove managed save of a domain")
    static void managedsaveRemove(@Parameters(paramLabel = "DOMAIN") String dom) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        var out = Session.current().out;
        try {
            if (!d.hasManagedSaveImage()) {
                out.println("Domain '" + d.getName() + "' has no manage save image; removal skipped");
                return;
            }
            d.managedSaveRemove();
        } catch (LibvirtException e) {
            throw new CliError("Failed to remove managed save image for domain '" + d.getName() + "'", e);
        }
        out.println("Removed managedsave image for domain '" + d.getName() + "'");
    }
}
