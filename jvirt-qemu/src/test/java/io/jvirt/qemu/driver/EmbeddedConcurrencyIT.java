package io.jvirt.qemu.driver;

import io.jvirt.Domain;
import io.jvirt.DomainState;
import io.jvirt.Flags;
import io.jvirt.StateReason;
import io.jvirt.qemu.testing.EmbeddedRootTest;
import io.jvirt.qemu.testing.TestGuest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Any thread may call any API: many starts at once, queries during a long job. */
@Tag("qemu")
class EmbeddedConcurrencyIT extends EmbeddedRootTest {
    @Test
    void twentyGuestsStartedConcurrentlyAllRun() throws Exception {
        int n = 20;
        List<Future<Domain>> started = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                String name = "c" + i;
                Path serial = tmp.resolve(name + ".log");
                started.add(pool.submit(() -> {
                    Domain d = conn.defineXML(TestGuest.xml(name, serial));
                    d.create();
                    return d;
                }));
            }
            Set<Integer> ids = new HashSet<>();
            for (Future<Domain> f : started) {
                Domain d = f.get();
                assertEquals(DomainState.RUNNING, d.getState().state(), d.getName());
                ids.add(d.getID());
            }
            assertEquals(n, ids.size(), "distinct ids");
        }
        assertEquals(n, conn.listAllDomains(Flags.ListAll.RUNNING).size());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Domain d : conn.listAllDomains(Flags.ListAll.ACTIVE)) {
                pool.submit(() -> d.destroy());
            }
        }
        assertEquals(0, conn.listAllDomains(Flags.ListAll.ACTIVE).size());
    }

    @Test
    void queriesDoNotWaitBehindALongJob() throws Exception {
        Path serial = tmp.resolve("q.log");
        Domain d = conn.defineXML(TestGuest.xml("q", serial));
        d.create();
        TestGuest.awaitText(serial, TestGuest.READY, java.time.Duration.ofSeconds(60));
        CompletableFuture<Void> save = CompletableFuture.runAsync(() -> d.save(tmp.resolve("q.save").toString(), 0));
        boolean sawSaving = false;
        while (!save.isDone()) {
            // answered while the save job holds the domain: it reports the job's own state
            if (d.getState().reason() == StateReason.PAUSED_SAVE) {
                sawSaving = true;
            }
            Thread.sleep(5);
        }
        save.get();
        assertTrue(sawSaving, "getState answered during the save job");
        assertEquals(StateReason.SHUTOFF_SAVED, d.getState().reason());
    }
}
