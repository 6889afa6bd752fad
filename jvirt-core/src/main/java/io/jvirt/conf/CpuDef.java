package io.jvirt.conf;

/**
 * {@code <cpu>}.
 *
 * @param mode     "custom", "host-model", "host-passthrough", "maximum", or null
 * @param match    "minimum", "exact", "strict", or null
 * @param check    "none", "partial", "full", or null
 * @param model    the CPU model name, or null
 * @param fallback "allow" or "forbid", or null
 * @param sockets  topology sockets, or null (no topology)
 * @param cores    topology cores
 * @param threads  topology threads
 */
public record CpuDef(String mode, String match, String check, String model, String fallback, Integer sockets,
                     Integer cores, Integer threads) {
    public static final CpuDef NONE = new CpuDef(null, null, null, null, null, null, null, null);

    public boolean isEmpty() {
        return this.equals(NONE);
    }
}
