package io.jvirt.rpc.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.jvirt.rpc.xdr.XdrType;

class ProcedureTableTest {
    /** Procedure numbers from remote-protocol.md (sections 4, 5 and 7). */
    private static final Map<String, Integer> REMOTE = Map.ofEntries(
            Map.entry("CONNECT_OPEN", 1), Map.entry("CONNECT_CLOSE", 2), Map.entry("CONNECT_GET_TYPE", 3),
            Map.entry("CONNECT_GET_VERSION", 4), Map.entry("CONNECT_GET_MAX_VCPUS", 5), Map.entry("NODE_GET_INFO", 6),
            Map.entry("CONNECT_GET_CAPABILITIES", 7), Map.entry("DOMAIN_CREATE", 9), Map.entry("DOMAIN_CREATE_XML", 10),
            Map.entry("DOMAIN_DEFINE_XML", 11), Map.entry("DOMAIN_DESTROY", 12), Map.entry("DOMAIN_GET_XML_DESC", 14),
            Map.entry("DOMAIN_GET_AUTOSTART", 15), Map.entry("DOMAIN_GET_INFO", 16),
            Map.entry("DOMAIN_GET_MAX_MEMORY", 17), Map.entry("DOMAIN_GET_MAX_VCPUS", 18),
            Map.entry("DOMAIN_GET_OS_TYPE", 19), Map.entry("DOMAIN_GET_VCPUS", 20),
            Map.entry("CONNECT_LIST_DEFINED_DOMAINS", 21), Map.entry("DOMAIN_LOOKUP_BY_ID", 22),
            Map.entry("DOMAIN_LOOKUP_BY_NAME", 23), Map.entry("DOMAIN_LOOKUP_BY_UUID", 24),
            Map.entry("CONNECT_NUM_OF_DEFINED_DOMAINS", 25), Map.entry("DOMAIN_REBOOT", 27),
            Map.entry("DOMAIN_RESUME", 28), Map.entry("DOMAIN_SET_AUTOSTART", 29), Map.entry("DOMAIN_SET_MAX_MEMORY", 30),
            Map.entry("DOMAIN_SET_MEMORY", 31), Map.entry("DOMAIN_SHUTDOWN", 33), Map.entry("DOMAIN_SUSPEND", 34),
            Map.entry("DOMAIN_UNDEFINE", 35), Map.entry("CONNECT_LIST_DOMAINS", 37), Map.entry("CONNECT_NUM_OF_DOMAINS", 51),
            Map.entry("CONNECT_GET_HOSTNAME", 59), Map.entry("CONNECT_SUPPORTS_FEATURE", 60), Map.entry("AUTH_LIST", 66),
            Map.entry("AUTH_SASL_INIT", 67), Map.entry("AUTH_SASL_START", 68), Map.entry("AUTH_SASL_STEP", 69),
            Map.entry("AUTH_POLKIT", 70), Map.entry("NODE_GET_FREE_MEMORY", 102),
            Map.entry("CONNECT_DOMAIN_EVENT_REGISTER", 105), Map.entry("CONNECT_DOMAIN_EVENT_DEREGISTER", 106),
            Map.entry("DOMAIN_EVENT_LIFECYCLE", 107), Map.entry("CONNECT_GET_URI", 110),
            Map.entry("DOMAIN_GET_SECURITY_LABEL", 121), Map.entry("NODE_GET_SECURITY_MODEL", 122),
            Map.entry("CONNECT_IS_SECURE", 149), Map.entry("DOMAIN_IS_ACTIVE", 150), Map.entry("DOMAIN_IS_PERSISTENT", 151),
            Map.entry("CONNECT_GET_LIB_VERSION", 157), Map.entry("CONNECT_DOMAIN_EVENT_REGISTER_ANY", 167),
            Map.entry("CONNECT_DOMAIN_EVENT_DEREGISTER_ANY", 168), Map.entry("DOMAIN_EVENT_REBOOT", 169),
            Map.entry("DOMAIN_HAS_MANAGED_SAVE_IMAGE", 183), Map.entry("DOMAIN_SNAPSHOT_NUM", 187),
            Map.entry("DOMAIN_CREATE_WITH_FLAGS", 196), Map.entry("DOMAIN_GET_VCPUS_FLAGS", 200),
            Map.entry("DOMAIN_OPEN_CONSOLE", 201), Map.entry("DOMAIN_IS_UPDATED", 202),
            Map.entry("CONNECT_GET_SYSINFO", 203), Map.entry("DOMAIN_SET_MEMORY_FLAGS", 204),
            Map.entry("DOMAIN_GET_STATE", 212), Map.entry("NODE_GET_MEMORY_STATS", 228),
            Map.entry("DOMAIN_UNDEFINE_FLAGS", 231), Map.entry("DOMAIN_DESTROY_FLAGS", 234), Map.entry("DOMAIN_RESET", 245),
            Map.entry("DOMAIN_SHUTDOWN_FLAGS", 258), Map.entry("CONNECT_LIST_ALL_DOMAINS", 273),
            Map.entry("DOMAIN_GET_HOSTNAME", 277), Map.entry("NODE_GET_CPU_MAP", 293), Map.entry("DOMAIN_OPEN_CHANNEL", 296),
            Map.entry("CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY", 316),
            Map.entry("CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY", 317),
            Map.entry("DOMAIN_EVENT_CALLBACK_LIFECYCLE", 318), Map.entry("DOMAIN_EVENT_CALLBACK_REBOOT", 319),
            Map.entry("CONNECT_GET_DOMAIN_CAPABILITIES", 342), Map.entry("DOMAIN_DEFINE_XML_FLAGS", 350),
            Map.entry("CONNECT_REGISTER_CLOSE_CALLBACK", 360), Map.entry("CONNECT_UNREGISTER_CLOSE_CALLBACK", 361),
            Map.entry("CONNECT_EVENT_CONNECTION_CLOSED", 362), Map.entry("DOMAIN_GET_MESSAGES", 426));

    private static Procedure<?, ?> byName(Program program, String name) {
        return ProcedureTable.all().stream().filter(p -> p.program() == program && p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("missing " + program + "." + name));
    }

    @Test
    void documentedNumbersAreInTheTable() {
        REMOTE.forEach((name, number) -> {
            Procedure<?, ?> p = byName(Program.REMOTE, name);
            assertEquals(number, p.number(), name);
            assertSame(p, ProcedureTable.find(Program.REMOTE, number).orElseThrow());
            assertSame(p, ProcedureTable.find(0x20008086, 1, number).orElseThrow());
        });
    }

    @Test
    void qemuAndKeepalivePrograms() {
        assertEquals(0x20008087, Program.QEMU.number());
        assertEquals(0x6B656570, Program.KEEPALIVE.number());
        assertEquals(1, byName(Program.QEMU, "DOMAIN_MONITOR_COMMAND").number());
        assertEquals(3, byName(Program.QEMU, "DOMAIN_AGENT_COMMAND").number());
        assertEquals(6, byName(Program.QEMU, "DOMAIN_MONITOR_EVENT").number());
        assertEquals(1, KeepaliveProcedures.PING.number());
        assertEquals(2, KeepaliveProcedures.PONG.number());
        assertTrue(ProcedureTable.find(0x20008087, 2, 1).isEmpty(), "wrong version is no program");
    }

    @Test
    void everyEntryIsWellFormedAndUnique() {
        Set<String> keys = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Procedure<?, ?> p : ProcedureTable.all()) {
            assertTrue(keys.add(p.program() + "/" + p.number()), "duplicate number " + p);
            assertTrue(names.add(p.program() + "/" + p.name()), "duplicate name " + p);
            assertTrue(p.number() > 0, p.toString());
            assertTrue(p.name().matches("[A-Z][A-Z0-9_]*"), p.toString());
            if (p.kind() == Procedure.Kind.MESSAGE) {
                assertSame(XdrType.VOID, p.ret(), p + " is a message");
                assertFalse(p.stream(), p.toString());
            }
            assertTrue(p.apiName().startsWith("vir"), p.apiName());
        }
        assertTrue(ProcedureTable.all().size() >= 110, "table covers the subset: " + ProcedureTable.all().size());
    }

    @Test
    void readOnlyMarkingsOfSensitiveProcedures() {
        for (String rw : new String[] {"DOMAIN_DESTROY", "DOMAIN_CREATE", "DOMAIN_DEFINE_XML", "DOMAIN_UNDEFINE_FLAGS",
                "DOMAIN_OPEN_CONSOLE", "DOMAIN_SET_MEMORY_FLAGS", "DOMAIN_ATTACH_DEVICE_FLAGS", "SECRET_GET_VALUE",
                "SECRET_SET_VALUE", "DOMAIN_SAVE", "DOMAIN_RESTORE", "CONNECT_DOMAIN_XML_TO_NATIVE"}) {
            assertFalse(byName(Program.REMOTE, rw).readOnly(), rw);
        }
        for (String ro : new String[] {"CONNECT_OPEN", "CONNECT_CLOSE", "AUTH_LIST", "CONNECT_SUPPORTS_FEATURE",
                "DOMAIN_LOOKUP_BY_NAME", "DOMAIN_GET_INFO", "DOMAIN_GET_XML_DESC", "CONNECT_LIST_ALL_DOMAINS",
                "CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY", "DOMAIN_GET_STATE"}) {
            assertTrue(byName(Program.REMOTE, ro).readOnly(), ro);
        }
        ProcedureTable.all().stream().filter(p -> p.program() == Program.QEMU && p.kind() == Procedure.Kind.CALL)
                .forEach(p -> assertFalse(p.readOnly(), p + ": raw QEMU access is never read-only"));
    }

    @Test
    void streamsAndPriorities() {
        assertTrue(byName(Program.REMOTE, "DOMAIN_OPEN_CONSOLE").stream());
        assertEquals(Priority.HIGH, byName(Program.REMOTE, "DOMAIN_LOOKUP_BY_UUID").priority());
        assertEquals(Priority.HIGH, byName(Program.REMOTE, "CONNECT_CLOSE").priority());
        assertEquals(Priority.HIGH, byName(Program.REMOTE, "DOMAIN_DESTROY").priority());
    }

    @Test
    void apiNamesFollowLibvirt() {
        assertEquals("virDomainDestroy", DomainProcedures.DOMAIN_DESTROY.apiName());
        assertEquals("virDomainGetXMLDesc", DomainProcedures.DOMAIN_GET_XML_DESC.apiName());
        assertEquals("virDomainLookupByUUID", DomainProcedures.DOMAIN_LOOKUP_BY_UUID.apiName());
        assertEquals("virConnectGetURI", ConnectProcedures.CONNECT_GET_URI.apiName());
        assertEquals("virNodeGetInfo", ConnectProcedures.NODE_GET_INFO.apiName());
        assertEquals("virDomainQemuMonitorCommand", QemuProcedures.DOMAIN_MONITOR_COMMAND.apiName());
    }
}
