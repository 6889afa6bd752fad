package io.jvirt.conf.device;

/** A character backend source outside chr devices (egd rng, redirection): type and one source. */
public record ChrSourceDef(String type, String mode, String path, String host, String service) {
}
