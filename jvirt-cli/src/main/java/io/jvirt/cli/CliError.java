package io.jvirt.cli;

/**
 * A command failed: {@code summary} is the first "error:" line (what was being done), the cause
 * (usually a {@link io.jvirt.error.LibvirtException}) gives the second, as virsh prints them.
 */
public final class CliError extends RuntimeException {
    public CliError(String summary, Throwable cause) {
        super(summary, cause);
    }

    public CliError(String summary) {
        super(summary);
    }
}
