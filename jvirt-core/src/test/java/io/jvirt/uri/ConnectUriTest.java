package io.jvirt.uri;

import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConnectUriTest {
    @Test
    void embeddedUriWithRoot() {
        ConnectUri u = ConnectUri.parse("qemu:///embed?root=/var/tmp/vms");
        assertEquals("qemu", u.driver());
        assertNull(u.transport());
        assertNull(u.host());
        assertEquals("/embed", u.path());
        assertEquals("/var/tmp/vms", u.param("root").orElseThrow());
    }

    @Test
    void transportUserHostPortAndEncodedParams() {
        ConnectUri u = ConnectUri.parse("qemu+ssh://alice@example.org:2222/system?keyfile=%2Fk%20f&no_verify=1");
        assertEquals("qemu", u.driver());
        assertEquals("ssh", u.transport());
        assertEquals("alice", u.user());
        assertEquals("example.org", u.host());
        assertEquals(2222, u.port());
        assertEquals("/system", u.path());
        assertEquals("/k f", u.param("keyfile").orElseThrow());
        assertEquals("1", u.param("no_verify").orElseThrow());
    }

    @Test
    void unixSocketParameter() {
        ConnectUri u = ConnectUri.parse("qemu+unix:///session?socket=/run/user/0/jvirt/jvirt-sock");
        assertEquals("unix", u.transport());
        assertEquals("/run/user/0/jvirt/jvirt-sock", u.param("socket").orElseThrow());
    }

    @Test
    void malformedUriIsInvalidArgNamingIt() {
        LibvirtException e = assertThrows(LibvirtException.class, () -> ConnectUri.parse("qemu:///embed?root=/a b"));
        assertEquals(ErrorNumber.INVALID_ARG, e.number());
        assertEquals(true, e.getMessage().contains("'qemu:///embed?root=/a b'"), e.getMessage());
        e = assertThrows(LibvirtException.class, () -> ConnectUri.parse("/just/a/path"));
        assertEquals(ErrorNumber.INVALID_ARG, e.number());
    }
}
