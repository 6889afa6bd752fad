package io.jvirt;

/**
 * libvirt's flag bits, with libvirt's values, grouped by the call that takes them. Flags are plain
 * {@code int}s so that they pass unchanged through the wire protocol; unknown bits are refused by
 * the driver with VIR_ERR_INVALID_ARG.
 */
public final class Flags {
    private Flags() {
    }

    /** {@code virConnectListAllDomainsFlags}. No bit of a group set = no filtering on it. */
    public static final class ListAll {
        public static final int ACTIVE = 1;
        public static final int INACTIVE = 2;
        public static final int PERSISTENT = 4;
        public static final int TRANSIENT = 8;
        public static final int RUNNING = 16;
        public static final int PAUSED = 32;
        public static final int SHUTOFF = 64;
        public static final int OTHER = 128;
        public static final int MANAGEDSAVE = 256;
        public static final int NO_MANAGEDSAVE = 512;
        public static final int AUTOSTART = 1024;
        public static final int NO_AUTOSTART = 2048;
        public static final int HAS_SNAPSHOT = 4096;
        public static final int NO_SNAPSHOT = 8192;
        public static final int HAS_CHECKPOINT = 16384;
        public static final int NO_CHECKPOINT = 32768;
        public static final int ALL = 65535;

        private ListAll() {
        }
    }

    /** {@code virConnectListAllSecretsFlags}. */
    public static final class ListAllSecrets {
        public static final int EPHEMERAL = 1;
        public static final int NO_EPHEMERAL = 2;
        public static final int PRIVATE = 4;
        public static final int NO_PRIVATE = 8;

        private ListAllSecrets() {
        }
    }

    /**
     * {@code virConnectListAllNodeDevicesFlags}: capability filters (any of them; 0 for all). jvirt
     * reports the computer (SYSTEM), PCI devices, network interfaces (NET) and disks (STORAGE); a
     * filter naming only other capabilities matches nothing.
     */
    public static final class ListAllNodeDevices {
        public static final int CAP_SYSTEM = 1;
        public static final int CAP_PCI_DEV = 2;
        public static final int CAP_NET = 16;
        public static final int CAP_STORAGE = 256;
        /** Capability names in bit order ({@code VIR_CONNECT_LIST_NODE_DEVICES_CAP_*}, libvirt 9.0). */
        public static final java.util.List<String> CAP_NAMES = java.util.List.of("system", "pci", "usb_device",
                "usb", "net", "scsi_host", "scsi_target", "scsi", "storage", "fc_host", "vports", "scsi_generic",
                "drm", "mdev_types", "mdev", "ccw", "css", "vdpa", "ap_card", "ap_queue", "ap_matrix", "vpd");

        private ListAllNodeDevices() {
        }

        /**
         * The filter of the older listing calls ({@code virNodeListDevices}, {@code virNodeNumOfDevices}): one
         * capability name or null, and flags that must be 0.
         */
        public static int forLegacyList(String cap, int flags) {
            if (flags != 0) {
                throw new io.jvirt.error.InvalidArgException(io.jvirt.error.ErrorNumber.INVALID_ARG,
                        io.jvirt.error.ErrorDomain.NODEDEV, String.format(
                        "unsupported flags (0x%x) in function virNodeListDevices", flags));
            }
            return forCap(cap);
        }

        /**
         * The filter bit for a capability name (null: 0, every device); VIR_ERR_INVALID_ARG for a name libvirt
         * does not know.
         */
        public static int forCap(String cap) {
            if (cap == null) {
                return 0;
            }
            int i = CAP_NAMES.indexOf(cap);
            if (i < 0) {
                throw new io.jvirt.error.InvalidArgException(io.jvirt.error.ErrorNumber.INVALID_ARG,
                        io.jvirt.error.ErrorDomain.NODEDEV, "unknown node device capability '" + cap + "'");
            }
            return 1 << i;
        }
    }

    /** {@code virDomainCreateFlags}, for start and createXML. */
    public static final class Start {
        public static final int PAUSED = 1;
        public static final int AUTODESTROY = 2;
        public static final int BYPASS_CACHE = 4;
        public static final int FORCE_BOOT = 8;
        public static final int VALIDATE = 16;
        public static final int RESET_NVRAM = 32;

        private Start() {
        }
    }

    /** {@code virDomainDefineFlags}. */
    public static final class Define {
        public static final int VALIDATE = 1;

        private Define() {
        }
    }

    /** {@code virDomainUndefineFlagsValues}. */
    public static final class Undefine {
        public static final int MANAGED_SAVE = 1;
        public static final int SNAPSHOTS_METADATA = 2;
        public static final int NVRAM = 4;
        public static final int KEEP_NVRAM = 8;
        public static final int CHECKPOINTS_METADATA = 16;
        public static final int TPM = 32;
        public static final int KEEP_TPM = 64;

        private Undefine() {
        }
    }

    /** {@code virDomainDestroyFlagsValues}. */
    public static final class Destroy {
        public static final int GRACEFUL = 1;
        public static final int REMOVE_LOGS = 2;

        private Destroy() {
        }
    }

    /** {@code virDomainSaveRestoreFlags}. */
    public static final class Save {
        public static final int BYPASS_CACHE = 1;
        /** Run the guest after restore, whatever its state when saved. */
        public static final int RUNNING = 2;
        /** Leave the guest paused after restore. */
        public static final int PAUSED = 4;

        private Save() {
        }
    }

    /** {@code virDomainCoreDumpFlags}. */
    public static final class Dump {
        /** Stop the guest after the dump (shutoff, crashed). */
        public static final int CRASH = 1;
        /** Do not pause the guest while dumping. */
        public static final int LIVE = 2;
        public static final int BYPASS_CACHE = 4;
        /** Reset the guest after the dump. */
        public static final int RESET = 8;
        /** Only guest memory, as an ELF or kdump core (dump-guest-memory), not QEMU's whole state. */
        public static final int MEMORY_ONLY = 16;

        private Dump() {
        }
    }

    /** {@code virDomainCoreDumpFormat}: the format of a memory-only dump. */
    public static final class DumpFormat {
        public static final int RAW = 0;
        public static final int KDUMP_ZLIB = 1;
        public static final int KDUMP_LZO = 2;
        public static final int KDUMP_SNAPPY = 3;
        public static final int WIN_DMP = 4;

        private DumpFormat() {
        }
    }

    /** {@code virDomainModificationImpact}: which definition a change applies to. */
    public static final class Affect {
        public static final int CURRENT = 0;
        public static final int LIVE = 1;
        public static final int CONFIG = 2;

        private Affect() {
        }
    }

    /** {@code virDomainMemoryModFlags}: the Affect bits plus MAXIMUM. */
    public static final class Memory {
        public static final int MAXIMUM = 4;

        private Memory() {
        }
    }

    /** {@code virDomainDeviceModifyFlags}: the Affect bits plus FORCE. */
    public static final class DeviceModify {
        /** Force the change (e.g. eject a locked CD-ROM). */
        public static final int FORCE = 4;

        private DeviceModify() {
        }
    }

    /** {@code virDomainVcpuFlags}: the Affect bits plus these. */
    public static final class Vcpu {
        /** The maximum, not the current count. */
        public static final int MAXIMUM = 4;
        /** Counted by the guest agent (unsupported). */
        public static final int GUEST = 8;
        public static final int HOTPLUGGABLE = 16;

        private Vcpu() {
        }
    }

    /** {@code virDomainQemuMonitorCommandFlags}. */
    public static final class QemuMonitorCommand {
        /** The command is HMP text, not QMP JSON. */
        public static final int HMP = 1;

        private QemuMonitorCommand() {
        }
    }

    /** {@code virDomainRebootFlagValues}. */
    public static final class Reboot {
        public static final int ACPI_POWER_BTN = 1;
        public static final int GUEST_AGENT = 2;
        public static final int INITCTL = 4;
        public static final int SIGNAL = 8;
        public static final int PARAVIRT = 16;

        private Reboot() {
        }
    }

    /** {@code virDomainShutdownFlagValues}, also used by reboot. */
    public static final class Shutdown {
        public static final int ACPI_POWER_BTN = 1;
        public static final int GUEST_AGENT = 2;
        public static final int INITCTL = 4;
        public static final int SIGNAL = 8;
        public static final int PARAVIRT = 16;

        private Shutdown() {
        }
    }

    /** {@code virDomainXMLFlags}, for getXMLDesc. */
    public static final class Xml {
        public static final int SECURE = 1;
        public static final int INACTIVE = 2;
        public static final int UPDATE_CPU = 4;
        public static final int MIGRATABLE = 8;

        private Xml() {
        }
    }

    /** {@code virConnectFlags}, for opening a connection. */
    public static final class Open {
        public static final int READONLY = 1;
        public static final int NO_ALIASES = 2;

        private Open() {
        }
    }

    /**
     * Fails with VIR_ERR_INVALID_ARG when {@code flags} has bits outside {@code allowed}, with
     * libvirt's wording.
     */
    public static void check(int flags, int allowed, String function) {
        int unknown = flags & ~allowed;
        if (unknown != 0) {
            throw new io.jvirt.error.InvalidArgException(io.jvirt.error.ErrorNumber.INVALID_ARG,
                    io.jvirt.error.ErrorDomain.QEMU,
                    "unsupported flags (0x" + Integer.toHexString(unknown) + ") in function " + function);
        }
    }
}
