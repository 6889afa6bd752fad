package io.jvirt;

/**
 * What {@code virDomainGetJobInfo} returns: the progress of the domain's current long job (save,
 * managed save, core dump), sizes in bytes, times in milliseconds.
 *
 * @param type          one of the TYPE_ constants (libvirt's virDomainJobType)
 * @param timeElapsed   since the job started
 * @param timeRemaining estimated, 0 when unknown
 * @param dataTotal     everything the job handles (guest memory for a save or dump)
 * @param dataProcessed done so far
 * @param dataRemaining left to do
 * @param memTotal      guest memory
 * @param memProcessed  guest memory done
 * @param memRemaining  guest memory left
 * @param fileTotal     disk data (0: jvirt's jobs copy no disks)
 * @param fileProcessed disk data done
 * @param fileRemaining disk data left
 */
public record DomainJobInfo(int type, long timeElapsed, long timeRemaining, long dataTotal, long dataProcessed,
                            long dataRemaining, long memTotal, long memProcessed, long memRemaining, long fileTotal,
                            long fileProcessed, long fileRemaining) {
    public static final int TYPE_NONE = 0;
    public static final int TYPE_BOUNDED = 1;
    public static final int TYPE_UNBOUNDED = 2;
    public static final int TYPE_COMPLETED = 3;
    public static final int TYPE_FAILED = 4;
    public static final int TYPE_CANCELLED = 5;

    /** No job. */
    public static final DomainJobInfo NONE = new DomainJobInfo(TYPE_NONE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** A job whose size is guest memory: {@code processed} of {@code total} bytes. */
    public static DomainJobInfo memory(int type, long elapsedMs, long total, long processed, long remaining) {
        return new DomainJobInfo(type, elapsedMs, 0, total, processed, remaining, total, processed, remaining, 0, 0, 0);
    }
}
