package io.jvirt.cli.virsh;

import io.jvirt.Domain;
import io.jvirt.Flags;
import io.jvirt.cli.CliError;
import io.jvirt.error.LibvirtException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** define, create, undefine, start, destroy, shutdown: virsh's names, options and messages. */
public final class LifecycleCommands {
    private LifecycleCommands() {
    }

    static String readFile(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliError("Failed to open file '" + file + "': No such file or directory");
        } catch (IOException e) {
            throw new CliError("Failed to open file '" + file + "': " + e.getMessage());
        }
    }

    @Command(name = "define", description = "define (but don't start) a domain from an XML file")
    static void define(@Parameters(paramLabel = "FILE", description = "file containing an XML domain description") String file,
                @Option(names = "--validate", description = "validate the XML against the schema") boolean validate) {
        String xml = readFile(file);
        try {
            Domain d = Session.current().conn().defineXML(xml, validate ? Flags.Define.VALIDATE : 0);
            Session.current().print("Domain '" + d.getName() + "' defined from " + file);
        } catch (LibvirtException e) {
            throw new CliError("Failed to define domain from " + file, e);
        }
    }

    @Command(name = "create", description = "create a domain from an XML file")
    static void create(@Parameters(paramLabel = "FILE", description = "file containing an XML domain description") String file,
                       @Option(names = "--console", description = "attach to console after creation") boolean console,
                       @Option(names = "--paused", description = "leave the guest paused after creation") boolean paused,
                       @Option(names = "--autodestroy", description = "automatically destroy the guest when virsh disconnects")
                       boolean autodestroy,
                       @Option(names = "--validate", description = "validate the XML against the schema") boolean validate)
            throws Exception {
        String xml = readFile(file);
        int flags = (paused ? Flags.Start.PAUSED : 0) | (autodestroy ? Flags.Start.AUTODESTROY : 0)
                | (validate ? Flags.Start.VALIDATE : 0);
        Domain d;
        try {
            d = Session.current().conn().createXML(xml, flags);
        } catch (LibvirtException e) {
            throw new CliError("Failed to create domain from " + file, e);
        }
        Session.current().print("Domain '" + d.getName() + "' created from " + file);
        if (console) {
            ConsoleCommand.console(d.getName(), null, false, false);
        }
    }

    @Command(name = "undefine", description = "undefine a domain")
    static void undefine(@Parameters(paramLabel = "DOMAIN", description = "domain name, id or uuid") String dom,
                         @Option(names = "--managed-save", description = "remove domain managed state file") boolean managedSave,
                         @Option(names = "--snapshots-metadata", description = "remove all domain snapshot metadata (vm must be inactive)")
                         boolean snapshots,
                         @Option(names = "--checkpoints-metadata", description = "remove all domain checkpoint metadata (vm must be inactive)")
                         boolean checkpoints,
                         @Option(names = "--nvram", description = "remove nvram file") boolean nvram,
                         @Option(names = "--keep-nvram", description = "keep nvram file") boolean keepNvram,
                         @Option(names = "--tpm", description = "remove TPM state") boolean tpm,
                         @Option(names = "--keep-tpm", description = "keep TPM state") boolean keepTpm) {
        if (nvram && keepNvram) {
            throw new CliError("Options --nvram and --keep-nvram are mutually exclusive");
        }
        if (tpm && keepTpm) {
            throw new CliError("Options --tpm and --keep-tpm are mutually exclusive");
        }
        int flags = (managedSave ? Flags.Undefine.MANAGED_SAVE : 0) | (snapshots ? Flags.Undefine.SNAPSHOTS_METADATA : 0)
                | (checkpoints ? Flags.Undefine.CHECKPOINTS_METADATA : 0) | (nvram ? Flags.Undefine.NVRAM : 0)
                | (keepNvram ? Flags.Undefine.KEEP_NVRAM : 0) | (tpm ? Flags.Undefine.TPM : 0)
                | (keepTpm ? Flags.Undefine.KEEP_TPM : 0);
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        try {
            d.undefine(flags);
            Session.current().print("Domain '" + d.getName() + "' has been undefined");
        } catch (LibvirtException e) {
            throw new CliError("Failed to undefine domain '" + d.getName() + "'", e);
        }
    }

    @Command(name = "start", description = "start a (previously defined) inactive domain")
    static void start(@Parameters(paramLabel = "DOMAIN", description = "name of the inactive domain") String dom,
               @Option(names = "--paused", description = "leave the guest paused after creation") boolean paused,
               @Option(names = "--autodestroy", description = "automatically destroy the guest when virsh disconnects")
               boolean autodestroy) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        if (d.isActive()) {
            throw new CliError("Domain is already active");
        }
        try {
            d.create((paused ? Flags.Start.PAUSED : 0) | (autodestroy ? Flags.Start.AUTODESTROY : 0));
            Session.current().print("Domain '" + d.getName() + "' started");
        } catch (LibvirtException e) {
            throw new CliError("Failed to start domain '" + d.getName() + "'", e);
        }
    }

    @Command(name = "destroy", description = "destroy (stop) a domain")
    static void destroy(@Parameters(paramLabel = "DOMAIN", description = "domain name, id or uuid") String dom,
                 @Option(names = "--graceful", description = "terminate gracefully") boolean graceful) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        try {
            d.destroy(graceful ? Flags.Destroy.GRACEFUL : 0);
            Session.current().print("Domain '" + d.getName() + "' destroyed");
        } catch (LibvirtException e) {
            throw new CliError("Failed to destroy domain '" + d.getName() + "'", e);
        }
    }

    @Command(name = "shutdown", description = "gracefully shutdown a domain")
    static void shutdown(@Parameters(paramLabel = "DOMAIN", description = "domain name, id or uuid") String dom,
                  @Option(names = "--mode", description = "shutdown mode: acpi") String mode) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        int flags = 0;
        if (mode != null) {
            if (!mode.equals("acpi")) {
                throw new CliError("Unknown mode " + mode + " value, expecting 'acpi'");
            }
            flags = Flags.Shutdown.ACPI_POWER_BTN;
        }
        try {
            d.shutdown(flags);
            Session.current().print("Domain '" + d.getName() + "' is being shutdown");
        } catch (LibvirtException e) {
            throw new CliError("Failed to shutdown domain '" + d.getName() + "'", e);
        }
    }
}
