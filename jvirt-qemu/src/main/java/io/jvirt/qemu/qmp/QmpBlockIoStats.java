package io.jvirt.qemu.qmp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The I/O counters of one block node (the {@code stats} member of {@code query-blockstats}); what
 * {@code virDomainBlockStats} reports.
 *
 * @param rdBytes          bytes read
 * @param wrBytes          bytes written
 * @param rdOperations     read requests
 * @param wrOperations     write requests
 * @param flushOperations  flush requests
 * @param rdTotalTimeNs    time spent reading, in nanoseconds
 * @param wrTotalTimeNs    time spent writing, in nanoseconds
 * @param flushTotalTimeNs time spent flushing, in nanoseconds
 * @param wrHighestOffset  the highest offset written so far, in bytes
 */
public record QmpBlockIoStats(long rdBytes, long wrBytes, long rdOperations, long wrOperations, long flushOperations,
                              long rdTotalTimeNs, long wrTotalTimeNs, long flushTotalTimeNs, long wrHighestOffset) {

    static QmpBlockIoStats fromJson(JsonNode s) {
        return new QmpBlockIoStats(Replies.number(s, "rd_bytes"), Replies.number(s, "wr_bytes"),
                Replies.number(s, "rd_operations"), Replies.number(s, "wr_operations"),
                Replies.number(s, "flush_operations"), Replies.number(s, "rd_total_time_ns"),
                Replies.number(s, "wr_total_time_ns"), Replies.number(s, "flush_total_time_ns"),
                Replies.number(s, "wr_highest_offset"));
    }
}
