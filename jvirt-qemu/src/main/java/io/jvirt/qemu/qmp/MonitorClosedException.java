package io.jvirt.qemu.qmp;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationFailedException;
import java.util.Objects;
import java.util.Optional;

/**
 * The QMP connection is gone: every command that was waiting for a reply, and every command issued
 * afterwards, fails with this. It is also what a {@link QmpConnection.CloseListener} receives.
 *
 * <p>End of file is only a signal: it does not say whether QEMU exited normally, crashed or was
 * killed. The process supervisor decides that from the process itself.
 *
 * <p>The message is {@code operation failed: QEMU monitor closed: end of file from QEMU
 * (command 'cont')} and the like. Immutable; thread-safe.
 */
public final class MonitorClosedException extends OperationFailedException {
    private static final long serialVersionUID = 1L;

    /** Why the connection ended. */
    public enum Reason {
        /** QEMU closed the socket (end of file or connection reset): typically QEMU exited. */
        EOF,
        /** Reading or writing the socket failed in another way; see {@link #getCause()}. */
        IO_ERROR,
        /** The owner called {@link QmpConnection#close()}. */
        CLOSED
    }

    private final Reason reason;
    private final String command;

    /**
     * @param reason  why the connection ended
     * @param command the command that was waiting, or {@code null} when none was
     * @param cause   the I/O error behind it, or {@code null}
     */
    public MonitorClosedException(Reason reason, String command, Throwable cause) {
        super(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU, detail(reason, command, cause), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.command = command;
    }

    private static String detail(Reason reason, String command, Throwable cause) {
        String what = switch (reason) {
            case EOF -> "end of file from QEMU";
            case IO_ERROR -> "I/O error: " + (cause == null ? "unknown" : cause.getMessage());
            case CLOSED -> "closed by jvirt";
        };
        return "QEMU monitor closed: " + what + (command == null ? "" : " (command '" + command + "')");
    }

    /** Why the connection ended. */
    public Reason reason() {
        return reason;
    }

    /** The command that was waiting for its reply, if any. */
    public Optional<String> command() {
        return Optional.ofNullable(command);
    }
}
