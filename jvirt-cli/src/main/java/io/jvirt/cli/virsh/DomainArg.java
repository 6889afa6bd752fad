package io.jvirt.cli.virsh;

import io.jvirt.Connect;
import io.jvirt.Domain;
import io.jvirt.cli.CliError;
import io.jvirt.error.LibvirtException;

import java.util.UUID;

/** virsh's domain argument: an id, a UUID or a name, tried in that order. */
final class DomainArg {
    private DomainArg() {
    }

    static Domain lookup(Connect conn, String arg) {
        try {
            int id = Integer.parseInt(arg);
            if (id >= 0) {
                try {
                    return conn.lookupByID(id);
                } catch (LibvirtException e) {
                    // fall through: a name may be all digits
                }
            }
        } catch (NumberFormatException e) {
            // not an id
        }
        try {
            UUID uuid = UUID.fromString(arg);
            if (uuid.toString().equalsIgnoreCase(arg)) {
                try {
                    return conn.lookupByUUID(uuid);
                } catch (LibvirtException e) {
                    // fall through
                }
            }
        } catch (IllegalArgumentException e) {
            // not a UUID
        }
        try {
            return conn.lookupByName(arg);
        } catch (LibvirtException e) {
            throw new CliError("failed to get domain '" + arg + "'");
        }
    }
}
