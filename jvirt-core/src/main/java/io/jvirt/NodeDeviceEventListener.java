package io.jvirt;

/**
 * Receives host device events ({@code VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE}): a device appeared
 * ({@link #CREATED}) or went away ({@link #DELETED}). Called on one delivery thread, in order;
 * must not block for long.
 */
@FunctionalInterface
public interface NodeDeviceEventListener {
    /** {@code VIR_NODE_DEVICE_EVENT_CREATED}. */
    int CREATED = 0;
    /** {@code VIR_NODE_DEVICE_EVENT_DELETED}. */
    int DELETED = 1;

    /**
     * @param device the device's name ("net_tap0_fe_54_00_12_34_56")
     * @param event  {@link #CREATED} or {@link #DELETED}
     * @param detail 0 (no detail is defined for these)
     */
    void onEvent(String device, int event, int detail);
}
