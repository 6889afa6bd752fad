package io.jvirt.conf.device;

/**
 * The {@code <memballoon>}.
 *
 * @param model       "virtio" or "none"
 * @param statsPeriod seconds between guest memory statistics, or null
 * @param alias       alias, or null until post-parse
 * @param address     address, or null until post-parse
 */
public record MemballoonDef(String model, Integer statsPeriod, String alias, AddressDef address) {
}
