package io.jvirt.daemon;

import io.jvirt.conf.ConfFile;
import io.jvirt.error.LibvirtException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * jvirtd: the daemon. Serves libvirt's remote protocol on UNIX sockets (and optionally TCP/TLS)
 * with the same QEMU driver embedded mode uses. Runs in the foreground; SIGTERM/SIGINT stop
 * listening, disconnect clients and exit, leaving guests running.
 */
@Command(name = "jvirtd", mixinStandardHelpOptions = true, versionProvider = JvirtdVersion.class,
        description = "The jvirt daemon: libvirt's remote protocol for the jvirt QEMU driver.",
        footer = "%nbin/jvirtd also takes --daemon [--pid-file FILE] [--log-file FILE] to run detached.")
public final class Jvirtd implements Callable<Integer> {
    @Option(names = "--session", description = "per-user daemon (the default when not root)")
    boolean session;

    @Option(names = "--system", description = "privileged daemon (the default as root)")
    boolean system;

    @Option(names = {"-f", "--config"}, paramLabel = "FILE", description = "jvirtd.conf to read (default: the mode's)")
    Path configFile;

    @Option(names = "--prefix", paramLabel = "DIR", description = "system mode: root of etc/, run/, var/ (default /)")
    Path prefix;

    @Option(names = "--libvirt-sockets", description = "listen on libvirt's socket paths, so unchanged clients "
            + "(virsh -c qemu:///system) reach jvirtd")
    boolean libvirtSockets;

    @Option(names = {"-l", "--listen"}, description = "also open the TCP/TLS listeners jvirtd.conf enables")
    boolean listen;

    @Option(names = {"-v", "--verbose"}, description = "log more")
    boolean verbose;

    public static void main(String[] args) {
        // The common command lines are parsed here so that a daemon never loads picocli (its
        // annotation proxies and reflection are a few MiB of a small daemon's footprint); help,
        // version and anything unusual go through picocli as before, with its messages.
        Jvirtd plain = new Jvirtd();
        if (plain.parsePlain(args)) {
            int code;
            try {
                code = plain.call();
            } catch (Exception ex) {
                System.err.println("jvirtd: " + (ex instanceof LibvirtException ? ex.getMessage() : ex.toString()));
                code = 1;
            }
            System.exit(code);
        }
        System.exit(new CommandLine(new Jvirtd())
                .setExecutionExceptionHandler((ex, cl, parsed) -> {
                    System.err.println("jvirtd: " + (ex instanceof LibvirtException ? ex.getMessage() : ex.toString()));
                    return 1;
                }).execute(args));
    }

    /**
     * Parses the options picocli would accept the same way (flags, an option and its value as two
     * words or joined by '='); false for anything else (help, version, errors, clustered short
     * options), which is left to picocli.
     */
    boolean parsePlain(String[] args) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            String canonical = switch (a) {
                case "-l" -> "--listen";
                case "-v" -> "--verbose";
                case "-f" -> "--config";
                default -> a;
            };
            if (!seen.add(canonical)) {
                return false; // picocli reports an option given twice
            }
            switch (a) {
                case "--session" -> session = true;
                case "--system" -> system = true;
                case "--libvirt-sockets" -> libvirtSockets = true;
                case "-l", "--listen" -> listen = true;
                case "-v", "--verbose" -> verbose = true;
                case "-f", "--config", "--prefix" -> {
                    if (value == null) {
                        if (i + 1 >= args.length || args[i + 1].startsWith("-")) {
                            return false;
                        }
                        value = args[++i];
                    }
                    if (value.isEmpty()) {
                        return false;
                    }
                    if (a.equals("--prefix")) {
                        prefix = Path.of(value);
                    } else {
                        configFile = Path.of(value);
                    }
                    continue;
                }
                default -> {
                    return false;
                }
            }
            if (value != null) {
                return false; // a flag given a value
            }
        }
        return !(session && system);
    }

    @Override
    public Integer call() throws Exception {
        io.jvirt.daemon.Logging.init(verbose);
        boolean sessionMode = session || (!system && !"root".equals(System.getProperty("user.name")));
        if (session && system) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--session and --system are exclusive");
        }
        Path root = prefix == null ? Path.of("/") : prefix.toAbsolutePath();
        Path conf = configFile != null ? configFile
                : sessionMode ? Path.of(System.getProperty("user.home"), ".config/jvirt/jvirtd.conf")
                : root.resolve("etc/jvirt/jvirtd.conf");
        ConfFile f = ConfFile.load(conf, DaemonConfig.KNOWN);
        f.warnings().forEach(w -> System.err.println("jvirtd: warning: " + w));
        DaemonConfig base = DaemonConfig.from(f, sessionMode, root);
        DaemonConfig cfg = new DaemonConfig(base.session(), base.prefix(), base.unixSockDir(),
                base.libvirtSockets() || libvirtSockets, base.rwPerms(), base.roPerms(), listen && base.listenTcp(),
                listen && base.listenTls(), base.listenAddr(), base.tcpPort(), base.tlsPort(), base.authTcp(),
                base.pkiDir(), base.tlsAllowedDn(), base.maxClients(), base.maxClientRequests(),
                base.keepaliveInterval(), base.keepaliveCount());
        Daemon daemon = Daemon.start(cfg);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.close();
            stopped.countDown();
        }, "jvirtd-shutdown"));
        System.err.println("jvirtd: listening on " + cfg.rwSocket() + (cfg.session() ? "" : " and " + cfg.roSocket()));
        stopped.await();
        return 0;
    }
}
