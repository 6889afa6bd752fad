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
        return runWithInput(env, null, tool, args);
    }

    /** Runs a tool with {@code input} (null: /dev/null) on its standard input. */
    static Result runWithInput(Map<String, String> env, byte[] input, String tool, String... args) {
        return runTyping(env, input == null ? null : List.of(input), tool, args);
    }

    /** Runs a tool, typing each of {@code chunks} on its standard input 1.5 s apart. */
    static Result runTyping(Map<String, String> env, List<byte[]> chunks, String tool, String... args) {
        byte[] input = chunks == null ? null : new byte[0];
        try {
            ProcessBuilder pb = builder(env, tool, args);
            if (input != null) {
                pb.redirectInput(ProcessBuilder.Redirect.PIPE);
            }
            Process p = pb.start();
            if (input != null) {
                Thread.ofVirtual().start(() -> {
                    try (var in = p.getOutputStream()) {
                        for (byte[] chunk : chunks) {
                            Thread.sleep(1500); // let the console attach / the guest answer
                            in.write(chunk);
                            in.flush();
                        }
                    } catch (IOException | InterruptedException e) {
                        // the tool ended first
                    }
                });
            }
            var errBytes = new java.util.concurrent.CompletableFuture<byte[]>();
            Thread.ofVirtual().start(() -> {
                try {
                    errBytes.complete(p.getErrorStream().readAllBytes());
                } catch (IOException e) {
                    errBytes.complete(new byte[0]);
                }
            });
            var out = p.getInputStream().readAllBytes();
            var err = errBytes.get(120, TimeUnit.SECONDS);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(tool + " did not finish");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
