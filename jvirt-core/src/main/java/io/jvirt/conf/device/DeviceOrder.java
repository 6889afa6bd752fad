package io.jvirt.conf.device;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * libvirt's order of device families under {@code <devices>} for the families kept in
 * {@link Devices#others()}. Post-parse keeps that list sorted by it (stable, so devices of one
 * family stay in document order), which makes the model the same whether it came from the user's
 * document or from our own formatted output.
 */
public final class DeviceOrder {
    /** Compares devices by family rank only. */
    public static final Comparator<DeviceDef> BY_FAMILY = Comparator.comparingInt(DeviceOrder::rank);

    private DeviceOrder() {
    }

    /** The rank of a family; gaps are where the families with their own list are written. */
    public static int rank(DeviceDef d) {
        return switch (d) {
            case ControllerDef x -> 1;
            case FilesystemDef x -> 2;
            case SmartcardDef x -> 3;
            case ParallelDef x -> 4;
            case InputDef x -> 5;
            case TpmDef x -> 6;
            case SoundDef x -> 7;
            case AudioDef x -> 8;
            case VideoDef x -> 9;
            case HostdevDef x -> 10;
            case RedirdevDef x -> 11;
            case HubDef x -> 12;
            case WatchdogDef x -> 13;
            case RngDef x -> 15;
            case PanicDef x -> 16;
            case ShmemDef x -> 17;
            case MemoryDeviceDef x -> 18;
            case IommuDef x -> 19;
            case VsockDef x -> 20;
        };
    }

    /** A copy sorted by family, stable. */
    public static List<DeviceDef> sorted(List<DeviceDef> devices) {
        List<DeviceDef> out = new ArrayList<>(devices);
        out.sort(BY_FAMILY); // stable
        return Collections.unmodifiableList(out);
    }
}
