package io.jvirt.error;

/** libvirt's error domains ({@code virErrorDomain}): the subsystem that raised an error. */
public enum ErrorDomain {
    NONE(0),
    XEN(1),
    XEND(2),
    XENSTORE(3),
    SEXPR(4),
    XML(5),
    DOM(6),
    RPC(7),
    PROXY(8),
    CONF(9),
    QEMU(10),
    NET(11),
    TEST(12),
    REMOTE(13),
    OPENVZ(14),
    XENXM(15),
    STATS_LINUX(16),
    LXC(17),
    STORAGE(18),
    NETWORK(19),
    DOMAIN(20),
    UML(21),
    NODEDEV(22),
    XEN_INOTIFY(23),
    SECURITY(24),
    VBOX(25),
    INTERFACE(26),
    ONE(27),
    ESX(28),
    PHYP(29),
    SECRET(30),
    CPU(31),
    XENAPI(32),
    NWFILTER(33),
    HOOK(34),
    DOMAIN_SNAPSHOT(35),
    AUDIT(36),
    SYSINFO(37),
    STREAMS(38),
    VMWARE(39),
    EVENT(40),
    LIBXL(41),
    LOCKING(42),
    HYPERV(43),
    CAPABILITIES(44),
    URI(45),
    AUTH(46),
    DBUS(47),
    PARALLELS(48),
    DEVICE(49),
    SSH(50),
    LOCKSPACE(51),
    INITCTL(52),
    IDENTITY(53),
    CGROUP(54),
    ACCESS(55),
    SYSTEMD(56),
    BHYVE(57),
    CRYPTO(58),
    FIREWALL(59),
    POLKIT(60),
    THREAD(61),
    ADMIN(62),
    LOGGING(63),
    XENXL(64),
    PERF(65),
    LIBSSH(66),
    RESCTRL(67),
    FIREWALLD(68),
    DOMAIN_CHECKPOINT(69),
    TPM(70),
    BPF(71),
    CH(72);

    private final int code;

    ErrorDomain(int code) {
        this.code = code;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }

    /** The constant for a wire number, or {@link #NONE} for one this build does not know. */
    public static ErrorDomain of(int code) {
        for (ErrorDomain d : values()) {
            if (d.code == code) {
                return d;
            }
        }
        return NONE;
    }
}
