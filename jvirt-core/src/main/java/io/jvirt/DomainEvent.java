package io.jvirt;

import java.util.Objects;

/**
 * An event about a domain. A sealed union: switch on it without {@code default} so that a new
 * kind of event fails to compile where it is not handled.
 */
public sealed interface DomainEvent {
    /** The domain the event is about, with its id at the time of the event. */
    DomainRef domain();

    /** {@code VIR_DOMAIN_EVENT_ID_LIFECYCLE}: the domain was defined, started, stopped ... */
    record Lifecycle(DomainRef domain, LifecycleDetail detail) implements DomainEvent {
        public Lifecycle {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(detail, "detail");
        }

        public LifecycleEventType type() {
            return detail.type();
        }
    }

    /** {@code VIR_DOMAIN_EVENT_ID_REBOOT}: the guest reset (reboot or {@code reset}). */
    record Reboot(DomainRef domain) implements DomainEvent {
        public Reboot {
            Objects.requireNonNull(domain, "domain");
        }
    }

    /**
     * {@code VIR_DOMAIN_EVENT_ID_WATCHDOG}: the guest's watchdog fired; {@code action} is
     * {@code virDomainEventWatchdogAction}: 0 none, 1 pause, 2 reset, 3 poweroff, 4 shutdown,
     * 5 debug, 6 inject-nmi.
     */
    record Watchdog(DomainRef domain, int action) implements DomainEvent {
        public static final int NONE = 0;
        public static final int PAUSE = 1;
        public static final int RESET = 2;
        public static final int POWEROFF = 3;
        public static final int SHUTDOWN = 4;
        public static final int DEBUG = 5;
        public static final int INJECT_NMI = 6;

        public Watchdog {
            Objects.requireNonNull(domain, "domain");
        }

        /** The action for QEMU's WATCHDOG event's {@code action} name (unknown ones read as none). */
        public static int actionOf(String qemuAction) {
            return switch (qemuAction) {
                case "pause" -> PAUSE;
                case "reset" -> RESET;
                case "poweroff" -> POWEROFF;
                case "shutdown" -> SHUTDOWN;
                case "debug" -> DEBUG;
                case "inject-nmi" -> INJECT_NMI;
                default -> NONE;
            };
        }
    }

    /**
     * {@code VIR_DOMAIN_EVENT_ID_IO_ERROR}: a disk had an I/O error; {@code action} is
     * {@code virDomainEventIOErrorAction}: 0 none (ignored), 1 pause, 2 report.
     *
     * @param srcPath  the disk's source path ("" when unknown)
     * @param devAlias the disk's alias ("" when unknown)
     */
    record IoError(DomainRef domain, String srcPath, String devAlias, int action) implements DomainEvent {
        public static final int NONE = 0;
        public static final int PAUSE = 1;
        public static final int REPORT = 2;

        public IoError {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(srcPath, "srcPath");
            Objects.requireNonNull(devAlias, "devAlias");
        }

        /** The action for QEMU's BLOCK_IO_ERROR {@code action} (stop, report, ignore). */
        public static int actionOf(String qemuAction) {
            return switch (qemuAction) {
                case "stop" -> PAUSE;
                case "report" -> REPORT;
                default -> NONE;
            };
        }
    }

    /**
     * {@code VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON}: {@link IoError} with a reason ("enospc" when
     * the host ran out of space, else "").
     */
    record IoErrorReason(DomainRef domain, String srcPath, String devAlias, int action, String reason)
            implements DomainEvent {
        public IoErrorReason {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(srcPath, "srcPath");
            Objects.requireNonNull(devAlias, "devAlias");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
