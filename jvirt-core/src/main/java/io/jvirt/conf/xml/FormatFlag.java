package io.jvirt.conf.xml;

/** How a definition is formatted. */
public enum FormatFlag {
    /** The persistent config, without live-only data (pty paths, ids). */
    INACTIVE,
    /** Include passwords and secrets. */
    SECURE,
    /** Leave out what a migration destination does not need. */
    MIGRATABLE,
    /** jvirt's own status file: everything, including live-only data. */
    STATUS
}
