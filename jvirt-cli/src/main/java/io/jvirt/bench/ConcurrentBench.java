package io.jvirt.bench;

import io.jvirt.Connect;
import io.jvirt.Domain;
import io.jvirt.DomainState;
import io.jvirt.Flags;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The embedded side of scripts/bench-concurrent.sh (not a test). Each mode prints one line of
 * {@code key=value} figures in milliseconds for the script to read:
 *
 * <ul>
 *   <li>{@code start ROOT XMLDIR N}: defines the N guests XMLDIR/g1.xml..gN.xml, starts them paused
 *       from N threads at once ({@code start_ms}: until every start returned and every guest is
 *       paused), resumes them from N threads ({@code resume_ms}: until every guest runs), waits
 *       until each serial log XMLDIR/gI.log shows JVIRT-GUEST-READY ({@code ready_ms}, from the
 *       first start). Exits leaving the guests running.
 *   <li>{@code reattach ROOT N}: opens the root holding N running guests ({@code open_ms}:
 *       Connect.open, which reattaches them; {@code list_ms}: until listAllDomains shows N
 *       running), in this fresh JVM (the script times the whole process).
 *   <li>{@code destroy ROOT}: destroys and undefines every guest of the root.
 *   <li>{@code probe ROOT}: the first capability probe: Connect.open of an empty root and
 *       getCapabilities ({@code probe_ms}; the script times the whole process).
 * </ul>
 */
public final class ConcurrentBench {
    private ConcurrentBench() {
    }

    public static void main(String[] args) throws Exception {
        String uri = "qemu:///embed?root=" + Path.of(args[1]).toAbsolutePath();
        switch (args[0]) {
            case "start" -> start(uri, Path.of(args[2]), Integer.parseInt(args[3]));
            case "reattach" -> reattach(uri, Integer.parseInt(args[2]));
            case "destroy" -> destroy(uri);
            case "probe" -> probe(uri);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void start(String uri, Path xmlDir, int n) throws Exception {
        try (Connect c = Connect.open(uri)) {
            List<Domain> doms = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                doms.add(c.defineXML(Files.readString(xmlDir.resolve("g" + i + ".xml"))));
            }
            long t0 = System.nanoTime();
            all(doms, d -> d.create(Flags.Start.PAUSED));
            for (Domain d : doms) {
                require(d, DomainState.PAUSED);
            }
            long t1 = System.nanoTime();
            all(doms, Domain::resume);
            for (Domain d : doms) {
                require(d, DomainState.RUNNING);
            }
            long t2 = System.nanoTime();
            for (int i = 1; i <= n; i++) {
                awaitText(xmlDir.resolve("g" + i + ".log"), "JVIRT-GUEST-READY");
            }
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "start_ms=%.0f resume_ms=%.0f ready_ms=%.0f%n", StartBench.ms(t0, t1),
                    StartBench.ms(t1, t2), StartBench.ms(t0, t3));
        }
    }

    private static void reattach(String uri, int n) {
        long t0 = System.nanoTime();
        try (Connect c = Connect.open(uri)) {
            long t1 = System.nanoTime();
            int running;
            do {
                running = c.listAllDomains(Flags.ListAll.ACTIVE | Flags.ListAll.RUNNING).size();
            } while (running < n && System.nanoTime() - t1 < 60_000_000_000L);
            long t2 = System.nanoTime();
            if (running != n) {
                throw new IllegalStateException(running + " of " + n + " guests running after reattach");
            }
            System.out.printf(Locale.ROOT, "open_ms=%.0f list_ms=%.0f%n", StartBench.ms(t0, t1),
                    StartBench.ms(t0, t2));
        }
    }

    private static void destroy(String uri) {
        try (Connect c = Connect.open(uri)) {
            for (Domain d : c.listAllDomains(0)) {
                if (d.isActive()) {
                    d.destroy();
                }
                d.undefine();
            }
        }
    }

    private static void probe(String uri) {
        long t0 = System.nanoTime();
        try (Connect c = Connect.open(uri)) {
            String caps = c.getCapabilities();
            long t1 = System.nanoTime();
            if (!caps.contains("<capabilities>")) {
                throw new IllegalStateException("no capabilities document");
            }
            System.out.printf(Locale.ROOT, "probe_ms=%.0f%n", StartBench.ms(t0, t1));
        }
    }

    /** Polls (every 10 ms, for at most 5 minutes) until {@code file} contains {@code text}. */
    static void awaitText(Path file, String text) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1).contains(text)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("no " + text + " in " + file);
    }

    private static void require(Domain d, DomainState want) {
        DomainState s = d.getState().state();
        if (s != want) {
            throw new IllegalStateException(d.getName() + " is " + s + ", not " + want);
        }
    }

    interface DomainAction {
        void run(Domain d) throws Exception;
    }

    /** Runs {@code action} on every domain, one thread each, released together; rethrows the first failure. */
    private static void all(List<Domain> doms, DomainAction action) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(doms.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Void>> fs = new ArrayList<>();
            for (Domain d : doms) {
                Callable<Void> task = () -> {
                    go.await();
                    action.run(d);
                    return null;
                };
                fs.add(pool.submit(task));
            }
            go.countDown();
            for (Future<Void> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
