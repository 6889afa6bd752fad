#!/usr/bin/env bash
# Boots the tiny test guest with bare QEMU (no Java, no libvirt) and times it:
# QEMU start -> first console line -> JVIRT-GUEST-READY, a console round trip
# (`echo hello` typed on the serial input), then QMP system_powerdown ->
# JVIRT-GUEST-POWEROFF -> QEMU exit. The argv matches examples/tiny-guest.xml.
#
#   scripts/boot-bare-qemu.sh [-n RUNS] [-t STEP_TIMEOUT_S] [-v]
#
# Builds/publishes the guest first if needed (scripts/build-test-guest.sh).
# Exits non-zero if any step misses its deadline; always kills the QEMU it
# started (by pid). -v echoes the guest console to stderr.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=3 timeout=60 verbose=0
while getopts "n:t:vh" opt; do
    case $opt in
    n) runs=$OPTARG ;;
    t) timeout=$OPTARG ;;
    v) verbose=1 ;;
    *) sed -n '2,12s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 2 ;;
    esac
done

qemu=${QEMU:-$(command -v qemu-system-x86_64 || true)}
[[ -x $qemu ]] || { echo "boot-bare-qemu: qemu-system-x86_64 not found (run scripts/install-deps.sh)" >&2; exit 1; }
python=/usr/bin/python3
[[ -x $python ]] || python=$(command -v python3) ||
    { echo "boot-bare-qemu: python3 not found (run scripts/install-deps.sh)" >&2; exit 1; }

paths=$("$repo/scripts/build-test-guest.sh")
kernel=$(sed -n 1p <<<"$paths")
initrd=$(sed -n 2p <<<"$paths")

exec "$python" - "$qemu" "$kernel" "$initrd" "$runs" "$timeout" "$verbose" <<'PYEOF'
import json, os, shutil, signal, socket, statistics, subprocess, sys, tempfile, threading, time

qemu, kernel, initrd = sys.argv[1:4]
runs, timeout, verbose = int(sys.argv[4]), float(sys.argv[5]), sys.argv[6] == "1"
APPEND = "console=ttyS0 quiet panic=-1"

class StepFailed(Exception):
    pass

def now_ms():
    return time.monotonic() * 1000.0

class Console:
    """Reads QEMU's stdout (the guest's ttyS0) and timestamps each line."""
    def __init__(self, stream):
        self.lines = []          # (ms, text)
        self.cond = threading.Condition()
        self.eof = False
        self.t = threading.Thread(target=self._run, args=(stream,), daemon=True)
        self.t.start()

    def _run(self, stream):
        for raw in iter(stream.readline, b""):
            text = raw.decode("utf-8", "replace").rstrip("\r\n").replace("\r", "")
            if verbose:
                print("  | " + text, file=sys.stderr, flush=True)
            with self.cond:
                self.lines.append((now_ms(), text))
                self.cond.notify_all()
        with self.cond:
            self.eof = True
            self.cond.notify_all()

    def wait_for(self, pred, what, deadline_s=None):
        end = time.monotonic() + (deadline_s or timeout)
        start = 0
        with self.cond:
            while True:
                for i in range(start, len(self.lines)):
                    if pred(self.lines[i][1]):
                        return self.lines[i][0]
                start = len(self.lines)
                left = end - time.monotonic()
                if self.eof or left <= 0:
                    raise StepFailed(f"no {what} within {deadline_s or timeout:.0f} s"
                                     + (" (console closed)" if self.eof else ""))
                self.cond.wait(left)

    def tail(self, n=15):
        with self.cond:
            return [t for _, t in self.lines[-n:]]

def qmp_command(path, cmd, deadline_s):
    """Connects to QMP, negotiates, runs one command; returns its reply."""
    end = time.monotonic() + deadline_s
    while True:
        try:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.settimeout(max(0.1, end - time.monotonic()))
            s.connect(path)
            break
        except OSError:
            s.close()
            if time.monotonic() > end:
                raise StepFailed(f"cannot connect to QMP at {path}")
            time.sleep(0.02)
    f = s.makefile("rwb", buffering=0)
    def read_reply():
        while True:
            line = f.readline()
            if not line:
                raise StepFailed("QMP closed")
            msg = json.loads(line)
            if "return" in msg or "error" in msg:
                return msg
    greeting = json.loads(f.readline())
    if "QMP" not in greeting:
        raise StepFailed(f"bad QMP greeting {greeting}")
    f.write(b'{"execute":"qmp_capabilities"}\n')
    read_reply()
    f.write(json.dumps({"execute": cmd}).encode() + b"\n")
    reply = read_reply()
    s.close()
    if "error" in reply:
        raise StepFailed(f"QMP {cmd} failed: {reply['error']}")
    return reply

def one_run(n):
    rundir = tempfile.mkdtemp(prefix="jvirt-bare.")
    qmp = os.path.join(rundir, "qmp.sock")
    argv = [qemu, "-name", "jvirt-bare-boot", "-accel", "tcg", "-machine", "pc",
            "-nodefaults", "-no-user-config", "-m", "128", "-smp", "1",
            "-kernel", kernel, "-initrd", initrd, "-append", APPEND,
            "-serial", "stdio", "-display", "none", "-no-reboot",
            "-qmp", f"unix:{qmp},server=on,wait=off"]
    t0 = now_ms()
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    con = Console(proc.stdout)
    r = {}
    try:
        r["first_line"] = con.wait_for(lambda t: t.strip() != "", "console output") - t0
        r["ready"] = con.wait_for(lambda t: t == "JVIRT-GUEST-READY", "JVIRT-GUEST-READY") - t0
        con.wait_for(lambda t: t.startswith("JVIRT-GUEST-NICS:"), "JVIRT-GUEST-NICS")
        # Console: the tty echoes "echo jvirt-hello"; the shell prints the word alone.
        t_in = now_ms()
        proc.stdin.write(b"echo jvirt-hello\n")
        proc.stdin.flush()
        r["console_echo"] = con.wait_for(lambda t: t == "jvirt-hello", "reply to 'echo jvirt-hello'", 20) - t_in
        t_pd = now_ms()
        qmp_command(qmp, "system_powerdown", 10)
        r["powerdown_marker"] = con.wait_for(lambda t: t == "JVIRT-GUEST-POWEROFF", "JVIRT-GUEST-POWEROFF") - t_pd
        try:
            rc = proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise StepFailed(f"QEMU still running {timeout:.0f} s after powerdown")
        r["powerdown_exit"] = now_ms() - t_pd
        if rc != 0:
            raise StepFailed(f"QEMU exited with status {rc}")
        return r
    except StepFailed as e:
        print(f"run {n}: FAILED: {e}", file=sys.stderr)
        print("last console lines:\n  " + "\n  ".join(con.tail()), file=sys.stderr)
        return None
    finally:
        if proc.poll() is None:
            proc.kill()       # by pid: only the QEMU this run started
            proc.wait()
        shutil.rmtree(rundir, ignore_errors=True)

def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    keys = [("first_line", "start -> first console line"),
            ("ready", "start -> JVIRT-GUEST-READY"),
            ("console_echo", "console 'echo' round trip"),
            ("powerdown_marker", "powerdown -> JVIRT-GUEST-POWEROFF"),
            ("powerdown_exit", "powerdown -> QEMU exit")]
    results = []
    for n in range(1, runs + 1):
        r = one_run(n)
        if r is None:
            return 1
        print(f"run {n}: " + "  ".join(f"{k}={r[k]:.0f}ms" for k, _ in keys), flush=True)
        results.append(r)
    print(f"summary over {len(results)} run(s), ms (min / median / max):")
    for k, label in keys:
        v = [r[k] for r in results]
        print(f"  {label:36s} {min(v):7.0f} {statistics.median(v):7.0f} {max(v):7.0f}")
    return 0

sys.exit(main())
PYEOF
