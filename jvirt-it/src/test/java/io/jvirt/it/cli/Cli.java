package io.jvirt.it.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the repository's bin/ launchers as separate processes, as a user would. */
final class Cli {
    /** The repository root (failsafe runs with the module directory as working directory). */
    static final Path REPO = Path.of("").toAbsolutePath().getParent();

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    static ProcessBuilder builder(Map<String, String> env, String tool, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(REPO.resolve("bin").resolve(tool).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("LIBVIRT_DEFAULT_URI");
        pb.environment().remove("JVIRT_DEFAULT_URI");
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb;
    }

    static Result run(Map<String, String> env, String tool, String... args) {
        try {
            Process p = builder(env, tool, args).start();
            var out = p.getInputStream().readAllBytes();
            var err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(tool + " did not finish");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
