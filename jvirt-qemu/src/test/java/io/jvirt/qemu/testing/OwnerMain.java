package io.jvirt.qemu.testing;

import io.jvirt.Connect;
import io.jvirt.Domain;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child JVM that owns an embedded root: {@code OwnerMain ROOT [XMLFILE [autodestroy]]} opens
 * the root, defines and starts the guest from XMLFILE (or starts it with autodestroy), prints
 * {@code OWNER-READY} and waits to be killed.
 */
public final class OwnerMain {
    public static void main(String[] args) throws Exception {
        Connect conn = Connect.open("qemu:///embed?root=" + args[0]);
        if (args.length > 1) {
            String xml = Files.readString(Path.of(args[1]));
            if (args.length > 2 && args[2].equals("autodestroy")) {
                conn.createXML(xml, io.jvirt.Flags.Start.AUTODESTROY);
            } else {
                Domain d = conn.defineXML(xml);
                d.create();
            }
        }
        System.out.println("OWNER-READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Starts OwnerMain in a child JVM with this JVM's class path; waits for OWNER-READY. */
    public static Process spawn(String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(OwnerMain.class.getName());
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("OWNER-READY")) {
                Thread.ofVirtual().start(() -> in.lines().forEach(l -> { }));
                return p;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("owner JVM exited with " + p.waitFor() + ":\n" + seen);
    }
}
