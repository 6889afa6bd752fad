package io.jvirt.daemon;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The picocli-free parse of jvirtd's usual command lines; everything else is left to picocli. */
class JvirtdArgsTest {
    @Test
    void usualCommandLinesParse() {
        Jvirtd j = new Jvirtd();
        assertTrue(j.parsePlain(new String[] {"--session", "-v", "--config", "/etc/x.conf", "--libvirt-sockets", "-l"}));
        assertTrue(j.session && j.verbose && j.libvirtSockets && j.listen);
        assertFalse(j.system);
        assertEquals(Path.of("/etc/x.conf"), j.configFile);
        assertNull(j.prefix);

        Jvirtd k = new Jvirtd();
        assertTrue(k.parsePlain(new String[] {"--system", "--prefix=/srv/j", "-f", "a.conf"}));
        assertTrue(k.system);
        assertEquals(Path.of("/srv/j"), k.prefix);
        assertEquals(Path.of("a.conf"), k.configFile);

        assertTrue(new Jvirtd().parsePlain(new String[0]));
    }

    @Test
    void anythingElseGoesToPicocli() {
        String[][] others = {
            {"--help"}, {"-h"}, {"--version"}, {"-V"}, {"--bogus"}, {"-lv"}, {"--session", "--system"},
            {"--session", "--session"}, {"-v", "--verbose"}, {"--config"}, {"--config", "-v"}, {"--config="},
            {"--prefix"}, {"--session=yes"}, {"stray"},
        };
        for (String[] args : others) {
            assertFalse(new Jvirtd().parsePlain(args), String.join(" ", args));
        }
    }
}
