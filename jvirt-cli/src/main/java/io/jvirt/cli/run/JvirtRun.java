package io.jvirt.cli.run;

import io.jvirt.ByteStream;
import io.jvirt.Connect;
import io.jvirt.Domain;
import io.jvirt.DomainEvent;
import io.jvirt.Flags;
import io.jvirt.LifecycleDetail;
import io.jvirt.LifecycleEventType;
import io.jvirt.cli.Versions;
import io.jvirt.error.LibvirtException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * jvirt-run: runs one guest from a domain XML file in the foreground, in an embedded root, like
 * libvirt's virt-qemu-run. Exits 0 when the guest shuts down; 1 with a clear message otherwise.
 * SIGINT/SIGTERM destroy the guest before exiting. Without --root the root is a temporary
 * directory, deleted at exit.
 */
@Command(name = "jvirt-run", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = "Run a QEMU guest from domain XML in the foreground (embedded jvirt, no daemon).")
public final class JvirtRun implements Callable<Integer> {
    @Option(names = {"-r", "--root"}, paramLabel = "DIR", description = "embedded root directory (default: a temporary one, deleted at exit)")
    Path root;

    @Option(names = {"-c", "--console"}, description = "copy the guest's serial console to standard output")
    boolean console;

    @Option(names = {"-v", "--verbose"}, description = "print timestamped progress to standard error")
    boolean verbose;

    @Parameters(paramLabel = "GUEST.xml", description = "domain XML file")
    Path xmlFile;

    private final PrintStream out;
    private final PrintStream err;
    private final Progress progress;
    private volatile Path tempRoot;
    private volatile boolean signalled;

    JvirtRun(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        this.progress = new Progress(err);
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        JvirtRun app = new JvirtRun(out, err);
        CommandLine cl = new CommandLine(app);
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("jvirt-run: " + ex.getMessage());
            err.println("Try 'jvirt-run --help' for more information.");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            err.println("jvirt-run: " + (ex instanceof LibvirtException ? ex.getMessage().replace('\n', ' ') : ex.toString()));
            return 1;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        progress.enabled = verbose;
        io.jvirt.cli.LogSetup.init(verbose);
        String xml;
        try {
            xml = Files.readString(xmlFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            err.println("jvirt-run: cannot read " + xmlFile + ": no such file");
            return 1;
        } catch (IOException e) {
            err.println("jvirt-run: cannot read " + xmlFile + ": " + e.getMessage());
            return 1;
        }
        String name = io.jvirt.conf.xml.DomainXml.parse(xml).name();
        Path dir = root == null ? Files.createTempDirectory("jvirt-run-") : root.toAbsolutePath();
        tempRoot = root == null ? dir : null;
        try {
            return runIn(dir, xml, name);
        } finally {
            if (tempRoot != null) {
                TempRoot.delete(dir);
                progress.say("removed temporary root " + dir);
            }
        }
    }

    private int runIn(Path dir, String xml, String guestName) throws Exception {
        progress.say("opening embedded root " + dir);
        CompletableFuture<LifecycleDetail> stopped = new CompletableFuture<>();
        String[] name = {guestName};
        try (Connect conn = Connect.open("qemu:///embed?root=" + dir)) {
            conn.addDomainEventListener(e -> {
                if (e instanceof DomainEvent.Lifecycle l && l.domain().name().equals(name[0])) {
                    progress.say("event: " + l.detail().type().name().toLowerCase() + " " + l.detail().label().toLowerCase());
                    if (l.detail().type() == LifecycleEventType.STOPPED) {
                        stopped.complete(l.detail());
                    }
                }
            });
            progress.say("starting guest " + name[0]);
            Domain d = conn.createXML(xml, Flags.Start.AUTODESTROY | (console ? Flags.Start.PAUSED : 0));
            Thread hook = new Thread(() -> {
                onSignal(d, stopped);
                conn.close();
                if (tempRoot != null) {
                    TempRoot.delete(tempRoot);
                }
            }, "jvirt-run-signal");
            Runtime.getRuntime().addShutdownHook(hook);
            Thread pump = null;
            if (console) {
                ByteStream stream = d.openConsole(null);
                pump = Thread.ofPlatform().daemon().name("jvirt-run-console").start(() -> io.jvirt.cli.Streams.copy(stream.input(), out));
                d.resume();
            }
            progress.say("guest " + name[0] + " running (id " + d.getID() + ")");
            LifecycleDetail how = stopped.get();
            if (pump != null) {
                pump.join(2000);
            }
            removeHook(hook);
            if (signalled) {
                return 1;
            }
            if (how == LifecycleDetail.STOPPED_SHUTDOWN) {
                progress.say("guest " + name[0] + " shut down");
                return 0;
            }
            Path log = dir.resolve("log/qemu/" + name[0] + ".log");
            err.println("jvirt-run: guest " + name[0] + " stopped: " + how.label().toLowerCase()
                    + (how == LifecycleDetail.STOPPED_FAILED ? " (QEMU exited unexpectedly)" : ""));
            String tail = io.jvirt.qemu.process.QemuProcess.logTail(log, 5);
            if (!tail.isEmpty()) {
                err.println(tail);
            }
            return 1;
        }
    }

    private void onSignal(Domain d, CompletableFuture<LifecycleDetail> stopped) {
        if (stopped.isDone()) {
            return;
        }
        signalled = true;
        progress.say("signal received: destroying guest " + d.getName());
        try {
            d.destroy();
            stopped.get(15, TimeUnit.SECONDS);
        } catch (LibvirtException e) {
            // already gone
        } catch (Exception e) {
            err.println("jvirt-run: destroying " + d.getName() + ": " + e);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already
        }
    }

}
