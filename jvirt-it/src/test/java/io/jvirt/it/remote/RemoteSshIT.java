package io.jvirt.it.remote;

import io.jvirt.Connect;
import io.jvirt.DomainEvent;
import io.jvirt.LifecycleDetail;
import io.jvirt.error.NoSuchObjectException;
import io.jvirt.error.OperationDeniedException;
import io.jvirt.qemu.testing.TestGuest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * qemu+ssh: the client runs the system ssh to a private sshd on a loopback port (generated host
 * and client keys, started and killed by the test), whose remote command bridges to jvirtd's
 * socket with {@code nc -U}, as libvirt's ssh transport does. Needs /usr/sbin/sshd (openssh-server)
 * and nc (netcat-openbsd); creates /run/sshd, sshd's privilege-separation directory, if missing.
 */
@Tag("qemu")
class RemoteSshIT {
    @TempDir
    Path tmp;
    Daemons.Running jvirtd;
    Process sshd;
    int port;

    @BeforeEach
    void start() throws Exception {
        jvirtd = Daemons.jvirtd(tmp);
        Path ssh = Files.createDirectories(tmp.resolve("ssh"));
        keygen(ssh.resolve("host_key"));
        keygen(ssh.resolve("client_key"));
        Files.copy(ssh.resolve("client_key.pub"), ssh.resolve("authorized_keys"));
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(ssh.resolve("sshd_config"), """
                Port %d
                ListenAddress 127.0.0.1
                HostKey %s
                AuthorizedKeysFile %s
                PidFile %s
                StrictModes no
                UsePAM no
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                PermitRootLogin prohibit-password
                """.formatted(port, ssh.resolve("host_key"), ssh.resolve("authorized_keys"), ssh.resolve("sshd.pid")));
        Files.createDirectories(Path.of("/run/sshd"));
        sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", ssh.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(ssh.resolve("sshd.log").toFile()).start();
        TestGuest.await(() -> {
            if (!sshd.isAlive()) {
                throw new AssertionError("sshd exited: " + read(ssh.resolve("sshd.log")));
            }
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return true;
            } catch (java.io.IOException e) {
                return false;
            }
        }, Duration.ofSeconds(20), "sshd on port " + port);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static void keygen(Path key) throws Exception {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
    }

    @AfterEach
    void stop() throws Exception {
        if (sshd != null) {
            List<ProcessHandle> sessions = sshd.descendants().toList();
            sshd.destroy();
            sshd.waitFor(10, TimeUnit.SECONDS);
            sessions.forEach(ProcessHandle::destroyForcibly);
        }
        if (jvirtd != null) {
            jvirtd.stop();
        }
    }

    private String uri(String extra) {
        Path ssh = tmp.resolve("ssh");
        return "qemu+ssh://root@127.0.0.1:" + port + "/session?socket=" + jvirtd.socket() + "&keyfile="
                + ssh.resolve("client_key") + "&known_hosts=" + ssh.resolve("known_hosts") + "&no_verify=1&no_tty=1" + extra;
    }

    @Test
    void overSshToJvirtdsSocket() {
        List<DomainEvent> events = new CopyOnWriteArrayList<>();
        try (Connect c = Connect.open(uri(""))) {
            assertEquals("QEMU", c.getType());
            c.addDomainEventListener(events::add);
            var d = c.defineXML(TestGuest.xml("viassh", tmp.resolve("serial.log")));
            assertEquals(List.of("viassh"), c.listAllDomains(0).stream().map(x -> x.getName()).toList());
            d.undefine();
            assertThrows(NoSuchObjectException.class, () -> c.lookupByName("viassh"));
            TestGuest.await(() -> events.size() >= 2, Duration.ofSeconds(10), "events " + events);
            assertEquals(List.of(LifecycleDetail.DEFINED_ADDED, LifecycleDetail.UNDEFINED_REMOVED),
                    events.stream().map(e -> ((DomainEvent.Lifecycle) e).detail()).toList());
        }
        try (Connect ro = Connect.openReadOnly(uri(""))) {
            ro.listAllDomains(0);
            assertThrows(OperationDeniedException.class, () -> ro.defineXML(TestGuest.xml("x", tmp.resolve("s.log"))));
        }
    }
}
