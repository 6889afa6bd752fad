package io.jvirt.conf.xml;

import io.jvirt.conf.device.ChrDef;

import java.util.Set;

/** {@code <serial>}, {@code <console>}, {@code <channel>}, {@code <parallel>}: parse and format. */
public final class ChrXml {
    private ChrXml() {
    }

    static ChrDef parse(XmlElement e, ChrDef.Kind kind) {
        String type = Parse.oneOf(e, "type", e.attr("type").orElse("pty"),
                "pty", "file", "unix", "tcp", "udp", "stdio", "null", "vc", "spicevmc", "dev", "pipe");
        String path = null;
        String mode = null;
        String host = null;
        String service = null;
        // one source only: udp's second (bind) source is refused rather than merged into the first
        for (XmlElement s : e.child("source").stream().toList()) {
            path = s.attr("path").orElse(path);
            mode = Parse.oneOf(s, "mode", s.attr("mode").orElse(mode), "bind", "connect");
            host = s.attr("host").orElse(host);
            service = s.attr("service").orElse(service);
        }
        String targetType = null;
        Integer targetPort = null;
        String targetName = null;
        var target = e.child("target");
        if (target.isPresent()) {
            XmlElement t = target.get();
            targetType = t.attr("type").orElse(null);
            targetPort = Parse.optInt(t, "port");
            targetName = t.attr("name").orElse(null);
            String tt = targetType;
            // libvirt writes the implied model back (<model name='isa-serial'/>); accept exactly that
            t.child("model").ifPresent(m -> {
                String model = m.requireAttr("name");
                if (!model.equals(tt)) {
                    throw m.error("serial target model '" + model + "' is not supported with target type '" + tt + "'");
                }
            });
        }
        String protocol = e.child("protocol").map(p -> Parse.oneOf(p, "type", p.requireAttr("type"), "raw", "telnet",
                "telnets", "tls")).orElse(null);
        if (protocol != null && !type.equals("tcp")) {
            throw e.error("<protocol> is only valid for a tcp character device");
        }
        String logFile = null;
        Boolean logAppend = null;
        var log = e.child("log");
        if (log.isPresent()) {
            logFile = log.get().requireAttr("file");
            logAppend = Parse.optOnOff(log.get(), "append");
        }
        return new ChrDef(kind, type, path, mode, host, service, targetType, targetPort, targetName, logFile,
                logAppend, AddressXml.parseAlias(e), protocol);
    }

    static void format(XmlWriter w, ChrDef c, Set<FormatFlag> flags) {
        w.start(c.kind().xml()).attr("type", c.type());
        boolean live = !flags.contains(FormatFlag.INACTIVE);
        boolean hasSource = switch (c.type()) {
            case "pty" -> live && c.path() != null;
            case "file", "unix", "dev", "pipe" -> c.path() != null;
            case "tcp", "udp" -> c.host() != null || c.service() != null;
            default -> false;
        };
        if (hasSource) {
            w.start("source").attr("mode", c.mode()).attr("path", c.path()).attr("host", c.host())
                    .attr("service", c.service()).end();
        }
        if (c.protocol() != null) {
            w.start("protocol").attr("type", c.protocol()).end();
        }
        if (c.logFile() != null) {
            w.start("log").attr("file", c.logFile()).attrOnOff("append", c.logAppend()).end();
        }
        if (c.targetType() != null || c.targetPort() != null || c.targetName() != null) {
            w.start("target").attr("type", c.targetType()).attr("name", c.targetName())
                    .attr("port", c.targetPort()).end();
        }
        AddressXml.formatAlias(w, c.alias(), flags);
        w.end();
    }
}
