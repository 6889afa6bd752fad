package io.jvirt.cli.virsh;

import io.jvirt.Domain;
import io.jvirt.Flags;
import io.jvirt.cli.CliError;
import io.jvirt.error.LibvirtException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** save, restore, managedsave, managedsave-remove. */
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
