package io.jvirt.conf.post;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.AddressDef;
import io.jvirt.conf.device.AudioDef;
import io.jvirt.conf.device.ChrDef;
import io.jvirt.conf.device.DiskDef;
import io.jvirt.conf.device.GraphicsDef;
import io.jvirt.conf.device.HostdevDef;
import io.jvirt.conf.device.InterfaceDef;
import io.jvirt.conf.device.RedirdevDef;
import io.jvirt.conf.device.SoundDef;
import io.jvirt.conf.device.VsockDef;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What may exist only once in a guest: drive addresses, serial port numbers, host devices,
 * graphics of one type, boot indexes, host tap names; and the references between devices
 * (a sound card's audio backend) that must resolve.
 */
final class UniquenessRules {
    private UniquenessRules() {
    }

    static void validate(DomainDef def) {
        var devs = def.devices();
        Map<String, String> drives = new HashMap<>();
        for (DiskDef d : devs.disks()) {
            AddressDef a = d.address();
            if (a != null && a.type().equals("drive")) {
                String key = d.targetBus() + ":" + a.attributes();
                String prev = drives.putIfAbsent(key, d.targetDev());
                if (prev != null) {
                    throw DeviceRules.xml("disks '" + prev + "' and '" + d.targetDev() + "' use the same drive address "
                            + a.attributes());
                }
            }
        }
        Set<Integer> ports = new HashSet<>();
        for (ChrDef s : devs.serials()) {
            if (s.targetPort() != null && !ports.add(s.targetPort())) {
                throw DeviceRules.xml("serial port " + s.targetPort() + " is used twice");
            }
        }
        Set<String> hostSources = new HashSet<>();
        for (HostdevDef h : devs.of(HostdevDef.class)) {
            String key = h.type() + ":" + h.source() + ":" + h.vendor() + ":" + h.product() + ":" + h.adapter();
            if (!hostSources.add(key)) {
                throw DeviceRules.xml("host device " + (h.source().isEmpty() ? h.vendor() + ":" + h.product()
                        : h.source().values()) + " is assigned twice");
            }
        }
        Set<String> graphicsTypes = new HashSet<>();
        for (GraphicsDef g : devs.graphics()) {
            if (!graphicsTypes.add(g.type())) {
                throw DeviceRules.unsupported("only 1 graphics device of each type (" + g.type() + ") is supported");
            }
        }
        Set<String> taps = new HashSet<>();
        for (InterfaceDef n : devs.interfaces()) {
            if (n.targetDev() != null && !taps.add(n.targetDev())) {
                throw DeviceRules.xml("interface target dev '" + n.targetDev() + "' is used twice");
            }
        }
        bootOrder(def);
        Set<Integer> audios = new HashSet<>();
        for (AudioDef a : devs.of(AudioDef.class)) {
            if (!audios.add(a.id())) {
                throw DeviceRules.xml("audio id " + a.id() + " is used twice");
            }
        }
        for (SoundDef s : devs.of(SoundDef.class)) {
            if (s.audioId() != null && !audios.contains(s.audioId())) {
                throw DeviceRules.xml("sound '" + s.model() + "' names audio id " + s.audioId()
                        + " which is not defined");
            }
        }
        for (VsockDef v : devs.of(VsockDef.class)) {
            if (v.cidAddress() != null && v.cidAddress() < 3) {
                throw DeviceRules.xml("vsock cid " + v.cidAddress() + " is reserved; guest cids start at 3");
            }
            if (Boolean.FALSE.equals(v.cidAuto()) && v.cidAddress() == null) {
                throw DeviceRules.xml("vsock with cid auto='no' needs an address");
            }
        }
    }

    private static void bootOrder(DomainDef def) {
        Map<Integer, String> orders = new HashMap<>();
        var devs = def.devices();
        devs.disks().forEach(d -> boot(orders, d.bootOrder(), "disk '" + d.targetDev() + "'"));
        devs.interfaces().forEach(n -> boot(orders, n.bootOrder(), "interface " + n.mac()));
        devs.of(HostdevDef.class).forEach(h -> boot(orders, h.bootOrder(), "hostdev"));
        devs.of(RedirdevDef.class).forEach(r -> boot(orders, r.bootOrder(), "redirdev"));
        if (!orders.isEmpty() && !def.os().boot().isEmpty()) {
            throw DeviceRules.unsupported("per-device boot elements cannot be used together with os/boot elements");
        }
    }

    private static void boot(Map<Integer, String> orders, Integer order, String who) {
        if (order == null) {
            return;
        }
        if (order < 1) {
            throw DeviceRules.xml("boot order of " + who + " must be at least 1");
        }
        String prev = orders.putIfAbsent(order, who);
        if (prev != null) {
            throw DeviceRules.xml("boot order '" + order + "' used for more than one device (" + prev + " and " + who
                    + ")");
        }
    }
}
