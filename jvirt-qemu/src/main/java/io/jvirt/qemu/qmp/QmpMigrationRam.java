package io.jvirt.qemu.qmp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * RAM progress of a migration, the {@code ram} member of {@code query-migrate}.
 *
 * @param transferredBytes bytes sent so far
 * @param remainingBytes   bytes still to send
 * @param totalBytes       total guest RAM in bytes
 * @param duplicatePages   pages sent as zero pages
 * @param normalPages      pages sent in full
 * @param normalBytes      bytes sent as full pages
 * @param dirtyPagesRate   pages dirtied per second
 * @param mbps             throughput in megabits per second
 * @param dirtySyncCount   how many times the dirty bitmap was synced (iterations)
 */
public record QmpMigrationRam(long transferredBytes, long remainingBytes, long totalBytes, long duplicatePages,
                              long normalPages, long normalBytes, long dirtyPagesRate, double mbps,
                              long dirtySyncCount) {

    static QmpMigrationRam fromJson(JsonNode r) {
        return new QmpMigrationRam(Replies.number(r, "transferred"), Replies.number(r, "remaining"),
                Replies.number(r, "total"), Replies.optNumber(r, "duplicate", 0), Replies.optNumber(r, "normal", 0),
                Replies.optNumber(r, "normal-bytes", 0), Replies.optNumber(r, "dirty-pages-rate", 0),
                Replies.optDouble(r, "mbps", 0), Replies.optNumber(r, "dirty-sync-count", 0));
    }
}
