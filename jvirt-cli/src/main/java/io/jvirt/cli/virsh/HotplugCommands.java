package io.jvirt.cli.virsh;

import io.jvirt.Domain;
import io.jvirt.Flags;
import io.jvirt.cli.CliError;
import io.jvirt.error.LibvirtException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** attach-device, detach-device, attach-disk, detach-disk, attach-interface, detach-interface. */
public final class HotplugCommands {
    private HotplugCommands() {
    }

    /** virsh's --config/--live/--current/--persistent, shared by every command here. */
    public static final class Impact {
        @Option(names = "--config", description = "affect next boot")
        boolean config;
        @Option(names = "--live", description = "affect running domain")
        boolean live;
        @Option(names = "--current", description = "affect current domain")
        boolean current;
        @Option(names = "--persistent", description = "make live change persistent")
        boolean persistent;

        int flags(Domain d) {
            if (current && (config || live || persistent)) {
                throw new CliError("Options --current and --live/--config/--persistent are mutually exclusive");
            }
            int f = (config ? Flags.Affect.CONFIG : 0) | (live ? Flags.Affect.LIVE : 0);
            if (persistent) {
                f |= Flags.Affect.CONFIG | (d.isActive() ? Flags.Affect.LIVE : 0);
            }
            return f;
        }
    }

    private static void change(String dom, Impact impact, String xml, boolean attach, String done, String failed) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        int flags = impact.flags(d);
        try {
            if (attach) {
                d.attachDevice(xml, flags);
            } else {
                d.detachDevice(xml, flags);
            }
        } catch (LibvirtException e) {
            throw new CliError(failed, e);
        }
        Session.current().print(done);
    }

    @Command(name = "attach-device", description = "attach device from an XML file")
    static void attachDevice(@Parameters(index = "0", paramLabel = "DOMAIN") String dom,
                             @Parameters(index = "1", paramLabel = "FILE") String file, @Mixin Impact impact) {
        change(dom, impact, LifecycleCommands.readFile(file), true, "Device attached successfully",
                "Failed to attach device from " + file);
    }

    @Command(name = "detach-device", description = "detach device from an XML file")
    static void detachDevice(@Parameters(index = "0", paramLabel = "DOMAIN") String dom,
                             @Parameters(index = "1", paramLabel = "FILE") String file, @Mixin Impact impact) {
        change(dom, impact, LifecycleCommands.readFile(file), false, "Device detached successfully",
                "Failed to detach device from " + file);
    }

    @Command(name = "attach-disk", description = "attach disk device")
    static void attachDisk(@Parameters(index = "0", paramLabel = "DOMAIN") String dom,
                           @Parameters(index = "1", paramLabel = "SOURCE") String source,
                           @Parameters(index = "2", paramLabel = "TARGET") String target,
                           @Option(names = "--targetbus", description = "target bus of disk device") String bus,
                           @Option(names = "--driver", description = "driver of disk device") String driver,
                           @Option(names = "--subdriver", description = "subdriver of disk device") String subdriver,
                           @Option(names = "--type", description = "target device type: disk, cdrom") String type,
                           @Option(names = "--mode", description = "mode of device reading and writing: readonly") String mode,
                           @Option(names = "--sourcetype", description = "type of source: file, block") String sourceType,
                           @Mixin Impact impact) {
        String st = sourceType == null ? "file" : sourceType;
        StringBuilder x = new StringBuilder("<disk type='" + esc(st) + "' device='" + esc(type == null ? "disk" : type) + "'>");
        if (driver != null || subdriver != null) {
            x.append("<driver name='").append(esc(driver == null ? "qemu" : driver)).append('\'');
            if (subdriver != null) {
                x.append(" type='").append(esc(subdriver)).append('\'');
            }
            x.append("/>");
        }
        x.append("<source ").append(st.equals("block") ? "dev" : "file").append("='").append(esc(source)).append("'/>");
        x.append("<target dev='").append(esc(target)).append('\'');
        if (bus != null) {
            x.append(" bus='").append(esc(bus)).append('\'');
        }
        x.append("/>");
        if ("readonly".equals(mode)) {
            x.append("<readonly/>");
        } else if (mode != null) {
            throw new CliError("No support for " + mode + " in command 'attach-disk'");
        }
        x.append("</disk>");
        change(dom, impact, x.toString(), true, "Disk attached successfully", "Failed to attach disk");
    }

    @Command(name = "detach-disk", description = "detach disk device")
    static void detachDisk(@Parameters(index = "0", paramLabel = "DOMAIN") String dom,
                           @Parameters(index = "1", paramLabel = "TARGET") String target, @Mixin Impact impact) {
        String xml = "<disk type='file' device='disk'><target dev='" + esc(target) + "'/></disk>";
        change(dom, impact, xml, false, "Disk detached successfully", "Failed to detach disk");
    }

    @Command(name = "attach-interface", description = "attach network interface")
    static void attachInterface(@Parameters(index = "0", paramLabel = "DOMAIN") String dom,
                                @Parameters(index = "1", paramLabel = "TYPE", description = "network interface type") String type,
                                @Parameters(index = "2", paramLabel = "SOURCE", arity = "0..1") String source,
                                @Option(names = "--model", description = "model type") String model,
                                @Option(names = "--mac", description = "MAC address") String mac,
                                @Mixin Impact impact) {
        StringBuilder x = new StringBuilder("<interface type='" + esc(type) + "'>");
        if (source != null && !type.equals("user")) {
            String attr = switch (type) {
                case "network" -> "network";
                case "bridge" -> "bridge";
                default -> "dev";
            };
            x.append("<source ").append(attr).append("='").append(esc(source)).append("'/>");
        }
        if (mac != null) {
            x.append("<mac address='").append(esc(mac)).append("'/>");
        }
        if (model != null) {
            x.append("<model type='").append(esc(model)).append("'/>");
        }
        x.append("</interface>");
        change(dom, impact, x.toString(), true, "Interface attached successfully", "Failed to attach interface");
    }

    @Command(name = "detach-interface", description = "detach network interface")
    static void detachInterface(@Parameters(index = "0", paramLabel = "DOMAIN") String dom,
                                @Parameters(index = "1", paramLabel = "TYPE") String type,
                                @Option(names = "--mac", description = "MAC address") String mac,
                                @Mixin Impact impact) {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        String theMac = mac;
        if (theMac == null) {
            var nics = XmlView.of(d.getXMLDesc(0)).all("devices/interface").stream()
                    .filter(n -> type.equals(n.attr("type"))).toList();
            if (nics.size() != 1) {
                throw new CliError(nics.isEmpty() ? "No interface found whose type is " + type
                        : "Domain has " + nics.size() + " interfaces. Please specify which one to detach using --mac");
            }
            theMac = nics.getFirst().attrOf("mac", "address");
        }
        String xml = "<interface type='" + esc(type) + "'><mac address='" + esc(theMac) + "'/></interface>";
        change(dom, impact, xml, false, "Interface detached successfully", "Failed to detach interface");
    }

    @Command(name = "change-media", description = "Change media of CD or floppy drive")
    static void changeMedia(@Parameters(index = "0", paramLabel = "DOMAIN") String dom,
                            @Parameters(index = "1", paramLabel = "PATH", description = "target of the disk device") String path,
                            @Parameters(index = "2", paramLabel = "SOURCE", arity = "0..1", description = "new medium") String source,
                            @Option(names = "--eject", description = "Eject the media") boolean eject,
                            @Option(names = "--insert", description = "Insert the media") boolean insert,
                            @Option(names = "--update", description = "Update the media") boolean update,
                            @Option(names = "--force", description = "force media changing") boolean force,
                            @Mixin Impact impact) {
        if ((eject ? 1 : 0) + (insert ? 1 : 0) + (update ? 1 : 0) > 1) {
            throw new CliError("Options --eject, --insert and --update are mutually exclusive");
        }
        if (eject && source != null) {
            throw new CliError("--eject takes no source");
        }
        if ((insert || (!eject && !update)) && source == null && !eject) {
            throw new CliError("No source is specified for inserting media");
        }
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        String xml = "<disk type='file' device='cdrom'>" + (source == null ? "" : "<source file='" + esc(source) + "'/>")
                + "<target dev='" + esc(path) + "'/></disk>";
        String verb = eject ? "eject" : update ? "update" : "insert";
        try {
            d.updateDevice(xml, impact.flags(d) | (force ? Flags.DeviceModify.FORCE : 0));
        } catch (LibvirtException e) {
            throw new CliError("Failed to complete action " + verb + " on media", e);
        }
        Session.current().print("Successfully " + (eject ? "ejected" : update ? "updated" : "inserted") + " media.");
    }

    /** Escapes a value for an XML attribute in single quotes. */
    static String esc(String v) {
        return v.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&apos;").replace("\"", "&quot;");
    }
}
