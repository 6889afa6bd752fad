package io.jvirt.remote;

import java.util.ArrayList;
import java.util.List;

/**
 * The ssh command line of the ssh transport: {@code ssh [-p PORT] [-l USER] [-i KEYFILE] -T -e none
 * [-o ...] -- HOST sh -c '...'}, whose remote command bridges stdin/stdout to the daemon's UNIX
 * socket: with {@code virt-ssh-helper} when the remote host has it (and no {@code socket=} was
 * given), else with {@code nc -U SOCKET}.
 *
 * <p>Parameters: {@code socket=} the remote socket, {@code keyfile=} ({@code -i}),
 * {@code no_tty=1} (BatchMode: never prompt), {@code no_verify=1} (do not check the host key),
 * {@code known_hosts=FILE} (jvirt: the known-hosts file to use), {@code netcat=} the nc binary,
 * {@code proxy=auto|netcat|native}, {@code command=} the ssh binary.
 */
final class SshCommand {
    private SshCommand() {
    }

    static List<String> build(RemoteUri r) {
        var u = r.uri();
        List<String> cmd = new ArrayList<>();
        cmd.add(u.param("command").orElse("ssh"));
        if (u.port() > 0) {
            cmd.add("-p");
            cmd.add(String.valueOf(u.port()));
        }
        if (u.user() != null) {
            cmd.add("-l");
            cmd.add(u.user());
        }
        u.param("keyfile").ifPresent(k -> {
            cmd.add("-i");
            cmd.add(k);
        });
        cmd.add("-T");
        cmd.add("-e");
        cmd.add("none");
        if (RemoteUri.flag(u, "no_tty")) {
            cmd.add("-o");
            cmd.add("BatchMode=yes");
        }
        if (RemoteUri.flag(u, "no_verify")) {
            cmd.add("-o");
            cmd.add("StrictHostKeyChecking=no");
        }
        u.param("known_hosts").ifPresent(k -> {
            cmd.add("-o");
            cmd.add("UserKnownHostsFile=" + k);
        });
        cmd.add("--");
        cmd.add(r.host());
        cmd.add("sh -c " + quote(remoteScript(r)));
        return cmd;
    }

    /** The shell command run on the remote host. */
    static String remoteScript(RemoteUri r) {
        var u = r.uri();
        String proxy = u.param("proxy").orElse("auto");
        String nc = quote(u.param("netcat").orElse("nc")) + " -U " + quote(r.socketPath(false));
        String helper = "virt-ssh-helper " + (r.readOnly() ? "-r " : "") + quote(r.serverName());
        if (u.param("socket").isPresent() && proxy.equals("auto")) {
            proxy = "netcat"; // the helper would pick its own socket and ignore ours
        }
        return switch (proxy) {
            case "netcat" -> "exec " + nc;
            case "native" -> "exec " + helper;
            default -> "if command -v virt-ssh-helper >/dev/null 2>&1; then exec " + helper + "; else exec " + nc + "; fi";
        };
    }

    /** Single-quotes a word for sh. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
