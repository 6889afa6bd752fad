package io.jvirt;

import java.util.List;
import java.util.Objects;

/**
 * A device of the host (libvirt's {@code virNodeDevice}): the computer itself ("computer") or a PCI
 * device ("pci_DDDD_BB_SS_F"), described by node device XML. Obtained from a {@link Connect};
 * cheap, immutable; every call goes to the driver, so what it reports is the host's state now.
 */
public final class NodeDevice {
    private final Connect conn;
    private final String name;

    NodeDevice(Connect conn, String name) {
        this.conn = conn;
        this.name = Objects.requireNonNull(name, "name");
    }

    public String getName() {
        return name;
    }

    /** Node device XML ({@code virNodeDeviceGetXMLDesc}). */
    public String getXMLDesc(int flags) {
        return conn.driver().nodeDeviceGetXMLDesc(name, flags);
    }

    /** The parent device's name, or null for the root ("computer"). */
    public String getParent() {
        return conn.driver().nodeDeviceGetParent(name);
    }

    /** The capability names ("system", "pci"). */
    public List<String> listCaps() {
        return conn.driver().nodeDeviceListCaps(name);
    }

    public int numOfCaps() {
        return listCaps().size();
    }

    /** Whether the device is there now (a host device always is while the host has it). */
    public boolean isActive() {
        return conn.driver().nodeDeviceIsActive(name);
    }

    /** Whether the device outlives its removal from the host: only the computer does. */
    public boolean isPersistent() {
        return conn.driver().nodeDeviceIsPersistent(name);
    }

    public boolean getAutostart() {
        return conn.driver().nodeDeviceGetAutostart(name);
    }

    /**
     * Detaches a PCI device from its host driver and binds it to the stub for device assignment
     * ({@code virNodeDeviceDetachFlags}); {@code driverName} null or "vfio" (the only one QEMU has).
     */
    public void detachFlags(String driverName, int flags) {
        conn.driver().nodeDeviceDetach(name, driverName, flags);
    }

    /** {@code virNodeDeviceDettach}: {@link #detachFlags} with the default stub. */
    public void dettach() {
        detachFlags(null, 0);
    }

    /** Gives a detached PCI device back to a host driver ({@code virNodeDeviceReAttach}). */
    public void reAttach() {
        conn.driver().nodeDeviceReAttach(name);
    }

    /** Resets a PCI device that no domain uses ({@code virNodeDeviceReset}). */
    public void reset() {
        conn.driver().nodeDeviceReset(name);
    }

    @Override
    public String toString() {
        return "NodeDevice[" + name + "]";
    }
}
