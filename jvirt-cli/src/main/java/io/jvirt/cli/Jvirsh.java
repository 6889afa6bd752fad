package io.jvirt.cli;

import io.jvirt.cli.virsh.HostCommands;
import io.jvirt.cli.virsh.LifecycleCommands;
import io.jvirt.cli.virsh.QueryCommands;
import io.jvirt.cli.virsh.Session;
import io.jvirt.error.LibvirtException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * jvirsh: a virsh-compatible command line over any jvirt URI. Without {@code -c} it manages an
 * embedded root in the user's data directory ({@link DefaultUri}), so it needs no daemon; guests
 * keep running between invocations.
 */
@Command(name = "jvirsh", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = "The virtualization shell of jvirt (virsh-compatible).",
        footer = "%nWithout -c: $JVIRT_DEFAULT_URI, else $LIBVIRT_DEFAULT_URI, else qemu:///embed?root=$XDG_DATA_HOME/jvirt/embed.")
public final class Jvirsh implements Runnable {
    @Option(names = {"-c", "--connect"}, paramLabel = "URI", description = "hypervisor connection URI")
    String uri;

    @Option(names = {"-r", "--readonly"}, description = "connect readonly")
    boolean readOnly;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required (see jvirsh --help)");
    }

    public static void main(String[] args) {
        LogSetup.init(false);
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** Runs one jvirsh command line; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Jvirsh top = new Jvirsh();
        try (Session session = new Session(() -> top.uri != null ? top.uri : DefaultUri.resolve(env),
                () -> top.readOnly, out)) {
            CommandLine cl = new CommandLine(top);
            addMethods(cl, LifecycleCommands.class);
            addMethods(cl, QueryCommands.class);
            addMethods(cl, io.jvirt.cli.virsh.ControlCommands.class);
            addMethods(cl, io.jvirt.cli.virsh.ConsoleCommand.class);
            addMethods(cl, io.jvirt.cli.virsh.MemoryCommands.class);
            addMethods(cl, io.jvirt.cli.virsh.TuningCommands.class);
            addMethods(cl, io.jvirt.cli.virsh.IothreadCommands.class);
            addMethods(cl, io.jvirt.cli.virsh.DeviceCommands.class);
            addMethods(cl, io.jvirt.cli.virsh.SaveCommands.class);
            addMethods(cl, io.jvirt.cli.virsh.HotplugCommands.class);
            addMethods(cl, HostCommands.class);
            addMethods(cl, io.jvirt.cli.virsh.SecretCommands.class);
            addMethods(cl, io.jvirt.cli.virsh.NodeDeviceCommands.class);
            addMethods(cl, io.jvirt.cli.virsh.EventCommand.class);
            cl.setOut(new java.io.PrintWriter(out, true));
            cl.setErr(new java.io.PrintWriter(err, true));
            cl.setParameterExceptionHandler((ex, a) -> {
                if (ex instanceof CommandLine.UnmatchedArgumentException u && u.getCommandLine() == cl
                        && !u.getUnmatched().isEmpty() && !u.getUnmatched().getFirst().startsWith("-")) {
                    err.println("error: unknown command: '" + u.getUnmatched().getFirst() + "'");
                } else {
                    err.println("error: " + ex.getMessage());
                }
                return 1;
            });
            cl.setExecutionExceptionHandler((ex, c, parsed) -> {
                report(ex, err);
                return 1;
            });
            return ScopedValue.where(Session.CURRENT, session).call(() -> cl.execute(args));
        } catch (RuntimeException e) {
            // failures while closing the session
            report(e, err);
            return 1;
        }
    }

    static void report(Throwable ex, PrintStream err) {
        if (ex instanceof CliError ce) {
            err.println("error: " + ce.getMessage());
            if (ce.getCause() != null) {
                err.println("error: " + oneLine(ce.getCause()));
            }
        } else if (ex instanceof LibvirtException le) {
            err.println("error: " + oneLine(le));
        } else {
            err.println("error: " + ex);
        }
    }

    static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        return m.replace('\n', ' ');
    }

    /** Adds the static {@code @Command} methods of {@code type} as subcommands. */
    private static void addMethods(CommandLine cl, Class<?> type) {
        for (Method m : CommandLine.getCommandMethods(type, null)) {
            CommandLine sub = new CommandLine(m);
            cl.addSubcommand(sub.getCommandName(), sub);
        }
    }
}
