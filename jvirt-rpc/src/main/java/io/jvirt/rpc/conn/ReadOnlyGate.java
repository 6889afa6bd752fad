package io.jvirt.rpc.conn;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationDeniedException;
import io.jvirt.rpc.proto.Procedure;

/**
 * The read-only gate, derived from the procedure table alone: a read-only connection may call a
 * procedure only if its table entry says {@link Procedure#readOnly()}. The server applies it to
 * every call before the arguments are even decoded, so no handler can forget it (libvirt's most
 * frequent CVE class is exactly a forgotten check).
 */
public final class ReadOnlyGate {
    private ReadOnlyGate() {
    }

    /** Whether a connection that is {@code readOnly} may call {@code procedure}. */
    public static boolean allows(Procedure<?, ?> procedure, boolean readOnly) {
        return !readOnly || procedure.readOnly();
    }

    /**
     * Throws libvirt's error for a refused call: VIR_ERR_OPERATION_DENIED, "operation forbidden:
     * read only access prevents virXxx", in the domain libvirt's public API raises it from.
     */
    public static void check(Procedure<?, ?> procedure, boolean readOnly) {
        if (!allows(procedure, readOnly)) {
            throw new OperationDeniedException(ErrorNumber.OPERATION_DENIED, domainOf(procedure),
                    "read only access prevents " + procedure.apiName());
        }
    }

    private static ErrorDomain domainOf(Procedure<?, ?> procedure) {
        String name = procedure.name();
        if (name.startsWith("SECRET_") || name.endsWith("_SECRETS")) {
            return ErrorDomain.SECRET;
        }
        if (name.startsWith("NODE_DEVICE_")) {
            return ErrorDomain.NODEDEV;
        }
        if (name.startsWith("DOMAIN_") || name.contains("_DOMAIN_")) {
            return ErrorDomain.DOMAIN;
        }
        return ErrorDomain.NONE;
    }
}
