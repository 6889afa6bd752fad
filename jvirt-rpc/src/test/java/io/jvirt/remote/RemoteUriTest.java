package io.jvirt.remote;

import io.jvirt.Flags;
import io.jvirt.error.InvalidArgException;
import io.jvirt.uri.ConnectUri;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RemoteUriTest {
    private static RemoteUri r(String uri) {
        return RemoteUri.of(ConnectUri.parse(uri), 0);
    }

    @Test
    void factoryClaimsEveryQemuUriButEmbed() {
        RemoteDriverFactory f = new RemoteDriverFactory();
        for (String u : List.of("qemu:///system", "qemu:///session", "qemu+unix:///system?socket=/x", "qemu+tcp://h/system",
                "qemu+tls://h/system", "qemu://h/system", "qemu+ssh://u@h/system")) {
            assertTrue(f.accepts(ConnectUri.parse(u)), u);
        }
        assertFalse(f.accepts(ConnectUri.parse("qemu:///embed?root=/x")));
        assertFalse(f.accepts(ConnectUri.parse("lxc:///system")));
    }

    @Test
    void transportsAndDefaults() {
        assertEquals(RemoteUri.Kind.UNIX, r("qemu:///system").kind());
        assertEquals(RemoteUri.Kind.TLS, r("qemu://host/system").kind());
        assertEquals(RemoteUri.Kind.TCP, r("qemu+tcp://host/system").kind());
        assertEquals(16509, r("qemu+tcp://host/system").port(RemoteUri.TCP_PORT));
        assertEquals(1234, r("qemu+tls://host:1234/system").port(RemoteUri.TLS_PORT));
        assertEquals("/var/run/libvirt/libvirt-sock", r("qemu:///system").socketPath(true));
        assertEquals("/var/run/libvirt/libvirt-sock-ro",
                RemoteUri.of(ConnectUri.parse("qemu:///system"), Flags.Open.READONLY).socketPath(true));
        assertEquals("/var/run/libvirt/libvirt-sock-ro", r("qemu:///system?readonly").socketPath(true));
        assertEquals("/p", r("qemu+unix:///system?socket=/p").socketPath(true));
        assertThrows(InvalidArgException.class, () -> r("qemu+unix://host/system"));
        assertThrows(InvalidArgException.class, () -> r("qemu+carrier-pigeon://host/system"));
    }

    @Test
    void serverNameDropsTransportHostAndClientParameters() {
        assertEquals("qemu:///system", r("qemu+ssh://u@h:22/system?keyfile=/k&no_tty=1&socket=/s").serverName());
        assertEquals("qemu:///system", r("qemu+tls://h/system?pkipath=/p&no_verify=1").serverName());
        assertEquals("qemu:///system?other=1", r("qemu+tcp://h/system?other=1").serverName());
        assertEquals("qemu:///session", r("qemu+unix:///system?name=qemu:///session").serverName());
    }

    @Test
    void sshCommandLine() {
        RemoteUri u = r("qemu+ssh://bob@h:2222/system?keyfile=/k&no_tty=1&no_verify=1&socket=/run/x'y");
        assertEquals(List.of("ssh", "-p", "2222", "-l", "bob", "-i", "/k", "-T", "-e", "none", "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=no", "--", "h", "sh -c 'exec '\\''nc'\\'' -U '\\''/run/x'\\''\\'\\'''\\''y'\\'''"),
                SshCommand.build(u));
        assertTrue(SshCommand.remoteScript(r("qemu+ssh://h/system")).contains("virt-ssh-helper 'qemu:///system'"));
        assertTrue(SshCommand.remoteScript(RemoteUri.of(ConnectUri.parse("qemu+ssh://h/system"), Flags.Open.READONLY))
                .contains("nc' -U '/var/run/libvirt/libvirt-sock-ro'"));
    }
}
