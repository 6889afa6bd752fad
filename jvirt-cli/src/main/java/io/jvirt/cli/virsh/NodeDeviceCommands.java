package io.jvirt.cli.virsh;

import io.jvirt.Connect;
import io.jvirt.Flags;
import io.jvirt.NodeDevice;
import io.jvirt.cli.CliError;
import io.jvirt.error.LibvirtException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** nodedev-list, nodedev-dumpxml, nodedev-info, nodedev-detach, nodedev-reattach, nodedev-reset: virsh's output and messages. */
public final class NodeDeviceCommands {
    private static final int INACTIVE = 1 << 30;
    private static final int ACTIVE = 1 << 31;

    private NodeDeviceCommands() {
    }

    private static Connect conn() {
        return Session.current().conn();
    }

    private static NodeDevice lookup(String name) {
        try {
            return conn().nodeDeviceLookupByName(name);
        } catch (LibvirtException e) {
            throw new CliError("Could not find matching device '" + name + "'", e);
        }
    }

    @Command(name = "nodedev-list", description = "enumerate devices on this host")
    static void list(@Option(names = "--tree", description = "list devices in a tree") boolean tree,
                     @Option(names = "--cap", paramLabel = "STRING", description = "capability names, separated by comma")
                     String cap,
                     @Option(names = "--inactive", description = "list inactive devices") boolean inactive,
                     @Option(names = "--all", description = "list inactive & active devices") boolean all) {
        if (tree && (cap != null || inactive)) {
            throw new CliError("Option --tree is incompatible with --cap and --inactive");
        }
        if (all && inactive) {
            throw new CliError("Option --all is incompatible with --inactive");
        }
        int flags = inactive ? INACTIVE : all ? 0 : ACTIVE;
        if (cap != null) {
            for (String c : cap.split(",")) {
                try {
                    flags |= Flags.ListAllNodeDevices.forCap(c.strip());
                } catch (LibvirtException e) {
                    throw new CliError("Invalid capability type");
                }
            }
        }
        List<NodeDevice> devices;
        try {
            devices = conn().listAllNodeDevices(flags);
        } catch (LibvirtException e) {
            throw new CliError("Failed to list node devices", e);
        }
        List<String> names = new ArrayList<>(devices.stream().map(NodeDevice::getName).toList());
        java.util.Collections.sort(names);
        if (!tree) {
            StringBuilder b = new StringBuilder();
            names.forEach(n -> b.append(n).append('\n'));
            Session.current().printRaw(b.append('\n').toString());
            return;
        }
        Map<String, String> parents = new HashMap<>();
        for (NodeDevice d : devices) {
            try {
                parents.put(d.getName(), d.getParent());
            } catch (LibvirtException e) {
                throw new CliError("Failed to list node devices", e);
            }
        }
        StringBuilder b = new StringBuilder();
        for (String n : names) {
            String p = parents.get(n);
            if (p == null || !parents.containsKey(p)) {
                tree(b, n, names, parents, true, true, new StringBuilder());
            }
        }
        Session.current().printRaw(b.append('\n').toString());
    }

    /** virsh's tree: "+- " before each child, "|" down the side while siblings follow, a blank line after a last leaf. */
    private static void tree(StringBuilder b, String dev, List<String> names, Map<String, String> parents, boolean root,
                             boolean last, StringBuilder indent) {
        b.append(indent).append(root ? "" : "+- ").append(dev).append('\n');
        if (!root) {
            indent.append(last ? ' ' : '|').append(' ');
        }
        List<String> children = names.stream().filter(n -> dev.equals(parents.get(n))).toList();
        if (!children.isEmpty()) {
            b.append(indent).append("  |\n");
        }
        indent.append("  ");
        for (int i = 0; i < children.size(); i++) {
            tree(b, children.get(i), names, parents, false, i == children.size() - 1, indent);
        }
        indent.setLength(indent.length() - 2);
        if (children.isEmpty() && last) {
            b.append(indent).append('\n');
        }
        if (!root) {
            indent.setLength(indent.length() - 2);
        }
    }

    @Command(name = "nodedev-dumpxml", description = "node device details in XML")
    static void dumpxml(@Parameters(paramLabel = "DEVICE", description = "device name or wwn pair in 'wwnn,wwpn' format")
                        String name) {
        NodeDevice d = lookup(name);
        try {
            Session.current().print(d.getXMLDesc(0));
        } catch (LibvirtException e) {
            throw new CliError("Could not find matching device '" + name + "'", e);
        }
    }

    @Command(name = "nodedev-info", description = "node device information")
    static void info(@Parameters(paramLabel = "DEVICE", description = "device name or wwn pair in 'wwnn,wwpn' format")
                     String name) {
        NodeDevice d = lookup(name);
        try {
            String parent = d.getParent();
            Session.current().printRaw(String.format("%-15s %s%n%-15s %s%n%-15s %s%n%-15s %s%n%-15s %s%n%n",
                    "Name:", d.getName(), "Parent:", parent == null ? "" : parent, "Active:", yesNo(d.isActive()),
                    "Persistent:", yesNo(d.isPersistent()), "Autostart:", yesNo(d.getAutostart())));
        } catch (LibvirtException e) {
            throw new CliError("Could not find matching device '" + name + "'", e);
        }
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    @Command(name = "nodedev-detach", description = "detach node device from its device driver")
    static void detach(@Parameters(paramLabel = "DEVICE", description = "device key") String name,
                       @Option(names = "--driver", paramLabel = "STRING", description = "pci device assignment backend driver (e.g. 'vfio' or 'xen')")
                       String driver) {
        act(name, d -> d.detachFlags(driver, 0), "detach", "detached");
    }

    @Command(name = "nodedev-reattach", description = "reattach node device to its device driver")
    static void reattach(@Parameters(paramLabel = "DEVICE", description = "device key") String name) {
        act(name, NodeDevice::reAttach, "re-attach", "re-attached");
    }

    @Command(name = "nodedev-reset", description = "reset node device")
    static void reset(@Parameters(paramLabel = "DEVICE", description = "device key") String name) {
        act(name, NodeDevice::reset, "reset", "reset");
    }

    /** Looks the device up, does {@code op}; virsh's "Device NAME done" or "Failed to VERB device NAME". */
    private static void act(String name, java.util.function.Consumer<NodeDevice> op, String verb, String done) {
        NodeDevice d = lookup(name);
        try {
            op.accept(d);
        } catch (LibvirtException e) {
            throw new CliError("Failed to " + verb + " device " + name, e);
        }
        Session.current().print("Device " + name + " " + done);
    }

    /** virsh's names of the node device event ids and of the lifecycle events. */
    private static final List<String> EVENT_TYPES = List.of("lifecycle", "update");
    private static final List<String> LIFECYCLE = List.of("Created", "Deleted", "Defined", "Undefined");

    @Command(name = "nodedev-event", description = "Node Device Events")
    static void event(@Option(names = "--device", paramLabel = "STRING", description = "filter by node device name")
                      String device,
                      @Option(names = "--event", paramLabel = "STRING", description = "which event type to wait for")
                      String type,
                      @Option(names = "--loop", description = "loop until timeout or interrupt, rather than one-shot")
                      boolean loop,
                      @Option(names = "--timeout", paramLabel = "NUMBER", description = "timeout seconds") Integer timeout,
                      @Option(names = "--list", description = "list valid event types") boolean list,
                      @Option(names = "--timestamp", description = "show timestamp for each printed event")
                      boolean timestamp) throws InterruptedException {
        java.io.PrintStream out = Session.current().out;
        if (list) {
            EVENT_TYPES.forEach(out::println);
            out.println();
            return;
        }
        if (type == null) {
            throw new CliError("either --list or --event <type> is required");
        }
        if (!EVENT_TYPES.contains(type)) {
            throw new CliError("unknown event type " + type);
        }
        if (timeout != null && timeout <= 0) {
            throw new CliError("invalid timeout");
        }
        if (device != null) {
            lookup(device);
        }
        java.util.concurrent.LinkedBlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        try (io.jvirt.EventRegistration reg = conn().addNodeDeviceEventListener(device, (dev, event, detail) -> {
            if (type.equals("lifecycle")) {
                String line = "event 'lifecycle' for node device " + dev + ": "
                        + (event >= 0 && event < LIFECYCLE.size() ? LIFECYCLE.get(event) : "unknown");
                lines.add(timestamp ? EventCommand.stamp() + line : line);
            }
        })) {
            EventCommand.printEvents(out, lines, loop, timeout);
        }
    }
}
