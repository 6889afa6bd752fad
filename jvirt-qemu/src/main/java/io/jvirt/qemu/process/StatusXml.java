package io.jvirt.qemu.process;

import io.jvirt.DomainState;
import io.jvirt.DomainStatus;
import io.jvirt.StateReason;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.xml.DomainXml;
import io.jvirt.conf.xml.FormatFlag;
import io.jvirt.conf.xml.XmlElement;
import io.jvirt.conf.xml.XmlReader;
import io.jvirt.conf.xml.XmlWriter;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;

/**
 * jvirt's status file for a running domain ({@code run/qemu/NAME.xml}): enough to reattach after
 * the owning process is gone. This is our own persisted contract: element and attribute names
 * are never renamed.
 *
 * @param id          the domain id
 * @param status      state and reason
 * @param identity    the QEMU process (pid + start time)
 * @param monitor     the QMP socket path
 * @param domainDir   the per-domain runtime directory
 * @param autodestroy whether the domain dies with its owner
 * @param shutdownSeen whether QEMU reported SHUTDOWN
 * @param shutdownByGuest whether that shutdown came from the guest
 * @param persistent  whether the domain has a persistent config
 * @param def         the live definition
 * @param autoNodeset numad's nodeset for a guest placed automatically, or null
 */
public record StatusXml(int id, DomainStatus status, ProcIdentity identity, Path monitor, Path domainDir,
                        boolean autodestroy, boolean shutdownSeen, boolean shutdownByGuest, boolean persistent,
                        DomainDef def, String autoNodeset) {

    public String format() {
        XmlWriter w = new XmlWriter();
        w.start("domstatus")
                .attr("state", status.state().name().toLowerCase(Locale.ROOT))
                .attr("reason", status.reason().code())
                .attr("id", id)
                .attr("pid", identity.pid())
                .attr("starttime", identity.startTime())
                .attrYesNo("autodestroy", autodestroy)
                .attrYesNo("persistent", persistent);
        w.start("monitor").attr("path", monitor.toString()).end();
        w.start("domaindir").attr("path", domainDir.toString()).end();
        w.start("shutdown").attrYesNo("seen", shutdownSeen).attrYesNo("guest", shutdownByGuest).end();
        if (autoNodeset != null) {
            w.start("numad").attr("nodeset", autoNodeset).end();
        }
        w.raw(DomainXml.format(def, id, EnumSet.of(FormatFlag.STATUS, FormatFlag.SECURE)));
        w.end();
        return w.toString();
    }

    public static StatusXml parse(String xml) {
        XmlElement root = XmlReader.parse(xml, "domain_status");
        if (!root.name().equals("domstatus")) {
            throw root.error("expecting root element 'domstatus', not '" + root.name() + "'");
        }
        DomainState state = DomainState.valueOf(root.requireAttr("state").toUpperCase(Locale.ROOT));
        StateReason reason = StateReason.of(state, Integer.parseInt(root.requireAttr("reason")));
        int id = Integer.parseInt(root.requireAttr("id"));
        ProcIdentity ident = new ProcIdentity(Long.parseLong(root.requireAttr("pid")),
                Long.parseLong(root.requireAttr("starttime")));
        boolean autodestroy = "yes".equals(root.attr("autodestroy").orElse("no"));
        boolean persistent = "yes".equals(root.attr("persistent").orElse("no"));
        Path monitor = Path.of(root.child("monitor").orElseThrow(() -> root.error("missing monitor")).requireAttr("path"));
        Path dir = Path.of(root.child("domaindir").orElseThrow(() -> root.error("missing domaindir")).requireAttr("path"));
        XmlElement sd = root.child("shutdown").orElseThrow(() -> root.error("missing shutdown"));
        boolean seen = "yes".equals(sd.requireAttr("seen"));
        boolean guest = "yes".equals(sd.requireAttr("guest"));
        String numad = root.child("numad").map(e -> e.requireAttr("nodeset")).orElse(null);
        DomainDef def = DomainXml.parseElement(root.child("domain").orElseThrow(() -> root.error("missing domain")));
        root.checkAllConsumed();
        return new StatusXml(id, new DomainStatus(state, reason), ident, monitor, dir, autodestroy, seen, guest,
                persistent, def, numad);
    }
}
