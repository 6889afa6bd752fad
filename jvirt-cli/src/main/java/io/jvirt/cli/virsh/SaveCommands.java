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
                     @Option(names = "--bypass-cache", description = "avoid file system cache when saving") boolean bypass) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        String abs = Path.of(file).toAbsolutePath().toString();
        try {
            d.save(abs, flags(running, paused, bypass));
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
        try {
            if (format == null) {
                d.coreDump(abs, flags);
            } else {
                d.coreDumpWithFormat(abs, fmt, flags);
            }
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
                            @Option(names = "--bypass-cache", description = "avoid file system cache when saving") boolean bypass) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        try {
            d.managedSave(flags(running, paused, bypass));
        } catch (LibvirtException e) {
            throw new CliError("Failed to save domain '" + d.getName() + "' state", e);
        }
        Session.current().print("\nDomain '" + d.getName() + "' state saved by libvirt");
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
