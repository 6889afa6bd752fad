package io.jvirt.qemu.util;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Undo steps for a multi-step operation: each step registers how to undo itself; closing without
 * {@link #commit()} runs the undos in reverse order. Undo failures are suppressed into the
 * original failure's log, never thrown over it.
 */
public final class Rollback implements AutoCloseable {
    private final Deque<Runnable> undos = new ArrayDeque<>();
    private boolean committed;

    public void add(Runnable undo) {
        undos.push(undo);
    }

    public void commit() {
        committed = true;
    }

    @Override
    public void close() {
        if (committed) {
            return;
        }
        while (!undos.isEmpty()) {
            try {
                undos.pop().run();
            } catch (RuntimeException e) {
                System.getLogger(Rollback.class.getName()).log(System.Logger.Level.WARNING, "rollback step failed", e);
            }
        }
    }
}
