package io.jvirt.qemu.qmp;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationFailedException;
import java.util.Objects;

/**
 * QEMU answered a command with an {@code error} reply. Keeps the QMP error {@link #errorClass()
 * class}, its {@link #desc() desc} and the {@link #command() command} that failed, so that the
 * driver can map well-known classes (e.g. {@code DeviceNotFound} on {@code device_del}) to a better
 * error in one place.
 *
 * <p><b>Error number.</b> libvirt reports every QMP error reply as {@code VIR_ERR_INTERNAL_ERROR} in
 * {@code VIR_FROM_QEMU} with the text {@code unable to execute QEMU command 'X': DESC}, and clients
 * (virsh users, scripts checking {@code get_error_code()}) see exactly that. This class keeps that
 * number, domain and text, so the message is {@code internal error: unable to execute QEMU command
 * 'device_del': Device 'x' not found}. It is nonetheless an {@link OperationFailedException}, not an
 * {@code InternalException}, because it is not a jvirt bug: callers catch it as a failed operation.
 * Note for the wire: {@code LibvirtException.of(INTERNAL_ERROR, ...)} on the remote side rebuilds an
 * {@code InternalException}; the driver's single QMP-error mapping decides whether to pass it on
 * unchanged (libvirt-compatible) or to translate it.
 *
 * <p>Immutable; thread-safe.
 */
public final class QmpException extends OperationFailedException {
    private static final long serialVersionUID = 1L;

    /** The catch-all class; most errors have it. */
    public static final String GENERIC_ERROR = "GenericError";
    /** The command does not exist in this QEMU. */
    public static final String COMMAND_NOT_FOUND = "CommandNotFound";
    /** The device exists but is not active (e.g. no balloon device for {@code query-balloon}). */
    public static final String DEVICE_NOT_ACTIVE = "DeviceNotActive";
    /** The device named in the command does not exist. */
    public static final String DEVICE_NOT_FOUND = "DeviceNotFound";
    /** KVM lacks a capability the command needs. */
    public static final String KVM_MISSING_CAP = "KVMMissingCap";

    private final String command;
    private final String errorClass;
    private final String desc;

    /**
     * @param command    the QMP command that failed, e.g. {@code device_del}
     * @param errorClass the reply's {@code error.class}
     * @param desc       the reply's {@code error.desc}, human readable; may be empty
     */
    public QmpException(String command, String errorClass, String desc) {
        super(ErrorNumber.INTERNAL_ERROR, ErrorDomain.QEMU, detail(command, desc));
        this.command = Objects.requireNonNull(command, "command");
        this.errorClass = Objects.requireNonNull(errorClass, "errorClass");
        this.desc = Objects.requireNonNull(desc, "desc");
    }

    private static String detail(String command, String desc) {
        return desc == null || desc.isEmpty()
                ? "unable to execute QEMU command '" + command + "'"
                : "unable to execute QEMU command '" + command + "': " + desc;
    }

    /** The QMP command that failed. */
    public String command() {
        return command;
    }

    /** The QMP error class, e.g. {@code GenericError} or {@code DeviceNotFound}. */
    public String errorClass() {
        return errorClass;
    }

    /** QEMU's human-readable description; may be empty. */
    public String desc() {
        return desc;
    }

    /** Whether the QMP error class is {@code errorClass}. */
    public boolean hasClass(String errorClass) {
        return this.errorClass.equals(errorClass);
    }
}
