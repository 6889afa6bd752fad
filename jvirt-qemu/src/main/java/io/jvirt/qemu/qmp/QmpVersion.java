package io.jvirt.qemu.qmp;

import java.util.Objects;

/**
 * QEMU's version as QMP reports it, in the greeting and from {@code query-version}.
 *
 * <p>Capabilities are probed, not derived from this; compare versions only for behaviour that
 * cannot be probed, and say why where you do.
 *
 * @param major          e.g. 7
 * @param minor          e.g. 2
 * @param micro          e.g. 22
 * @param packageVersion the distribution's package string, e.g. {@code Debian 1:7.2+dfsg-7}; may be empty
 */
public record QmpVersion(int major, int minor, int micro, String packageVersion) {

    public QmpVersion {
        if (major < 0 || minor < 0 || micro < 0) {
            throw new IllegalArgumentException("negative version component: " + major + "." + minor + "." + micro);
        }
        Objects.requireNonNull(packageVersion, "packageVersion");
    }

    /** Whether this version is {@code major.minor.micro} or newer. */
    public boolean isAtLeast(int major, int minor, int micro) {
        if (this.major != major) {
            return this.major > major;
        }
        if (this.minor != minor) {
            return this.minor > minor;
        }
        return this.micro >= micro;
    }

    /** {@code 7.2.22}. */
    public String numeric() {
        return major + "." + minor + "." + micro;
    }

    /** Decodes {@code {"qemu": {"major", "minor", "micro"}, "package": "..."}}. */
    static QmpVersion fromJson(com.fasterxml.jackson.databind.JsonNode node) {
        var qemu = Replies.object(node, "qemu");
        return new QmpVersion(Replies.integer(qemu, "major"), Replies.integer(qemu, "minor"),
                Replies.integer(qemu, "micro"), Replies.optText(node, "package", ""));
    }
}
