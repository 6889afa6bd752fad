package io.jvirt.conf.device;

/**
 * A device of a family kept in {@link Devices#others()}: every case is a record, and consumers
 * switch over them without {@code default}, so a new family fails to compile wherever it must be
 * handled (the QEMU driver's validator refuses what its argv builder does not build).
 */
public sealed interface DeviceDef permits ControllerDef, FilesystemDef, InputDef, TpmDef, SoundDef, AudioDef,
        VideoDef, HostdevDef, WatchdogDef, RngDef, PanicDef, MemoryDeviceDef, IommuDef, VsockDef, RedirdevDef,
        SmartcardDef, HubDef, ShmemDef, ParallelDef {
    /** The element name. */
    String element();

    /** The device alias, or null. */
    String alias();

    /** The guest address, or null. */
    AddressDef address();
}
