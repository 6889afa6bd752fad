package io.jvirt.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Bare QEMU with the argv jvirt logged, minus what only a manager needs (-S, -pidfile). */
final class BareQemu {
    private BareQemu() {
    }

    /** The QEMU argv from the header jvirt wrote to a domain log (shell-quoted, one per line). */
    static List<String> argvFromLog(Path log) throws Exception {
        List<String> argv = new ArrayList<>();
        boolean inArgv = false;
        for (String line : Files.readAllLines(log)) {
            String l = line.endsWith(" \\") ? line.substring(0, line.length() - 2) : line;
            if (!inArgv && l.startsWith("/")) {
                inArgv = true;
            }
            if (inArgv) {
                argv.add(unquote(l));
                if (!line.endsWith(" \\")) {
                    break;
                }
            }
        }
        return argv;
    }

    static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("'") && s.endsWith("'")) {
            return s.substring(1, s.length() - 1).replace("'\\''", "'");
        }
        return s;
    }

    /** Runs QEMU with {@code argv} (files redirected into {@code dir}); ms to its first console line. */
    static double timeToFirstLine(List<String> argv, Path dir) throws Exception {
        Files.createDirectories(dir);
        Path serial = dir.resolve("serial.log");
        List<String> cmd = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("-S")) {
                continue;
            }
            if (a.equals("-pidfile")) {
                i++;
                continue;
            }
            cmd.add(a.replaceAll("logfile=[^,]*", "logfile=" + serial)
                    .replaceAll("\"logfile\":\"[^\"]*\"", "\"logfile\":\"" + serial + "\"")
                    .replaceAll("path=[^,]*monitor\\.sock|path=[^,]*\\.qmp", "path=" + dir.resolve("m.sock")));
        }
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("qemu.out").toFile()).start();
        try {
            long t1 = StartBench.awaitFirstLine(serial);
            return StartBench.ms(t0, t1);
        } finally {
            p.destroyForcibly().waitFor();
        }
    }
}
