package io.jvirt.rpc.proto;

/**
 * How a server may schedule a call. A {@link #HIGH} procedure never waits for a domain job
 * (lookups, keepalive, close, auth, feature probes, destroy), so it is never queued behind slow
 * calls of the same client. When in doubt a procedure is {@link #LOW}, which is always safe.
 */
public enum Priority {
    /** May wait for a domain job or the hypervisor; bounded per client. */
    LOW,
    /** Never waits for a domain job; bypasses the per-client bound. */
    HIGH
}
