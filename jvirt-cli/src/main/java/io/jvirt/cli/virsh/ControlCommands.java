package io.jvirt.cli.virsh;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jvirt.Domain;
import io.jvirt.Flags;
import io.jvirt.cli.CliError;
import io.jvirt.error.LibvirtException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/** suspend, resume, reboot, reset, autostart, qemu-monitor-command, domid/domname/domuuid. */
public final class ControlCommands {
    private ControlCommands() {
    }

    /** Runs {@code action} on the domain, printing {@code done} or failing with {@code failed}. */
    private static void act(String dom, java.util.function.Consumer<Domain> action, String done, String failed) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        try {
            action.accept(d);
        } catch (LibvirtException e) {
            throw new CliError(failed.formatted(d.getName()), e);
        }
        Session.current().print(done.formatted(d.getName()));
    }

    @Command(name = "suspend", description = "suspend a domain")
    static void suspend(@Parameters(paramLabel = "DOMAIN") String dom) {
        act(dom, Domain::suspend, "Domain '%s' suspended", "Failed to suspend domain '%s'");
    }

    @Command(name = "resume", description = "resume a domain")
    static void resume(@Parameters(paramLabel = "DOMAIN") String dom) {
        act(dom, Domain::resume, "Domain '%s' resumed", "Failed to resume domain '%s'");
    }

    @Command(name = "reboot", description = "reboot a domain")
    static void reboot(@Parameters(paramLabel = "DOMAIN") String dom,
                       @Option(names = "--mode", description = "shutdown mode: acpi") String mode) {
        if (mode != null && !mode.equals("acpi")) {
            throw new CliError("Unknown mode " + mode + " value, expecting 'acpi'");
        }
        int flags = mode == null ? 0 : Flags.Reboot.ACPI_POWER_BTN;
        act(dom, d -> d.reboot(flags), "Domain '%s' is being rebooted", "Failed to reboot domain '%s'");
    }

    @Command(name = "reset", description = "reset a domain")
    static void reset(@Parameters(paramLabel = "DOMAIN") String dom) {
        act(dom, Domain::reset, "Domain '%s' was reset", "Failed to reset domain '%s'");
    }

    @Command(name = "autostart", description = "autostart a domain")
    static void autostart(@Parameters(paramLabel = "DOMAIN") String dom,
                          @Option(names = "--disable", description = "disable autostarting") boolean disable) {
        if (disable) {
            act(dom, d -> d.setAutostart(false), "Domain '%s' unmarked as autostarted",
                    "Failed to unmark domain '%s' as autostarted");
        } else {
            act(dom, d -> d.setAutostart(true), "Domain '%s' marked as autostarted",
                    "Failed to mark domain '%s' as autostarted");
        }
    }

    @Command(name = "domid", description = "convert a domain name or UUID to domain id")
    static void domid(@Parameters(paramLabel = "DOMAIN") String dom) {
        int id = DomainArg.lookup(Session.current().conn(), dom).getID();
        Session.current().print(id < 0 ? "-" : Integer.toString(id));
    }

    @Command(name = "domname", description = "convert a domain id or UUID to domain name")
    static void domname(@Parameters(paramLabel = "DOMAIN") String dom) {
        Session.current().print(DomainArg.lookup(Session.current().conn(), dom).getName());
    }

    @Command(name = "domuuid", description = "convert a domain name or id to domain UUID")
    static void domuuid(@Parameters(paramLabel = "DOMAIN") String dom) {
        Session.current().print(DomainArg.lookup(Session.current().conn(), dom).getUUIDString());
    }

    @Command(name = "qemu-monitor-command", description = "QEMU Monitor Command")
    static void qemuMonitorCommand(@Parameters(index = "0", paramLabel = "DOMAIN") String dom,
                                   @Parameters(index = "1..*", paramLabel = "CMD", arity = "1..*") List<String> cmd,
                                   @Option(names = "--hmp", description = "command is in human monitor protocol") boolean hmp,
                                   @Option(names = "--pretty", description = "pretty-print any qemu monitor protocol output")
                                   boolean pretty) {
        if (hmp && pretty) {
            throw new CliError("Options --hmp and --pretty are mutually exclusive");
        }
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        String reply;
        try {
            reply = d.qemuMonitorCommand(String.join(" ", cmd), hmp ? Flags.QemuMonitorCommand.HMP : 0);
        } catch (LibvirtException e) {
            throw new CliError("Failed to run qemu-monitor-command on domain '" + d.getName() + "'", e);
        }
        if (pretty) {
            try {
                ObjectMapper m = new ObjectMapper();
                reply = m.writerWithDefaultPrettyPrinter().writeValueAsString(m.readTree(reply));
            } catch (java.io.IOException e) {
                // not JSON: print as is
            }
        }
        Session.current().print(reply);
    }
}
