package io.jvirt.qemu.testing;

import io.jvirt.Connect;
import io.jvirt.Domain;
import io.jvirt.Flags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * Base of the integration tests that run guests on an embedded root of their own: {@link #tmp}
 * (the root is {@code tmp/root}) and {@link #conn} are new for each test, and every guest still
 * running when a test ends is destroyed before the connection closes, so no QEMU outlives it.
 */
public abstract class EmbeddedRootTest {
    @TempDir
    protected Path tmp;
    protected Connect conn;

    @BeforeEach
    void openRoot() {
        conn = Connect.open("qemu:///embed?root=" + tmp.resolve("root"));
    }

    @AfterEach
    void closeRoot() {
        conn.listAllDomains(Flags.ListAll.ACTIVE).forEach(Domain::destroy);
        conn.close();
    }
}
