#!/usr/bin/env bash
# Driver benchmark (not a test): jvirt against libvirt 9.0 on the same guest XMLs, in one run.
#   scripts/bench-concurrent.sh [N] [PROBE_ROUNDS]      (default 20 guests, 3 probe rounds)
#
# The guests: N copies of the test guest (scripts/build-test-guest.sh: type='qemu', TCG, 128 MiB,
# 1 vCPU, serial console logged to a file), named g1..gN.
#
# 1. Concurrent start, for four front doors:
#      jvirt embedded API (io.jvirt.bench.ConcurrentBench, N Java threads),
#      libvirt 9.0 embedded API (qemu:///embed, python3-libvirt, N threads),
#      jvirtd and a private libvirtd 9.0 through virsh (N virsh processes at once).
#    This machine has 2 cores and TCG guests: N guests booting at once would make every start
#    wait for CPU behind the boots of the others, so the guests start PAUSED: "start" is the wall
#    time from releasing the N starts until all N returned and are paused (QEMU launched, monitor
#    up, vCPUs stopped: the management work). "resume" then resumes the N at once, until all run
#    (so "start + resume" is the wall time until all N are running). "READY" is from the first
#    start until every guest printed JVIRT-GUEST-READY on its console (mostly N TCG boots
#    sharing 2 cores: the same for both, shown for completeness).
# 2. Reattach, with the N guests running (booted and idle):
#      jvirt embedded: a fresh JVM opens the root (Connect.open reattaches the N) until
#        listAllDomains shows N running; in-process and whole-process figures;
#      libvirt 9.0's embedded driver cannot do it (it kills its guests when its process exits),
#        so for libvirt only the daemon figure exists;
#      jvirtd / libvirtd: the daemon is stopped (SIGTERM; guests keep running) and started
#        again: wall from launch until `virsh list --state-running` shows N.
# 3. First capability probe, empty caches, PROBE_ROUNDS interleaved rounds (median):
#      a fresh process on an empty embedded root until capabilities answer:
#        `jvirsh -c qemu:///embed?root=EMPTY capabilities` against
#        `virsh -c qemu:///embed?root=EMPTY capabilities` (libvirt probes every installed
#        qemu-system-* binary there; jvirt probes the host architecture's emulator first and
#        the others as domains name them), and ConcurrentBench's in-process figure;
#      each daemon's first start (empty cache) until `virsh capabilities` answers.
# Ratios are libvirt / jvirt: above 1, jvirt is faster.
# Needs root (libvirtd runs in a private mount namespace as in bench-daemon.sh; QEMU runs as root
# without a security driver), /usr/bin/python3 with python3-libvirt, and a built jvirt. Every
# guest is destroyed and no QEMU of this run is left at the end (trap EXIT).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
n=${1:-20}
probe_rounds=${2:-3}
java_home=$("$repo/scripts/find-jdk.sh")
jar=$repo/jvirt-dist/target/jvirt-all.jar
[[ -f $jar ]] || { echo "bench: build first: JAVA_HOME=$java_home mvn -B -DskipTests package" >&2; exit 1; }
getent passwd libvirt-qemu >/dev/null || { echo "bench: run scripts/install-deps.sh first (libvirt-qemu user)" >&2; exit 1; }
for d in /run/libvirt /var/lib/libvirt /var/cache/libvirt; do
    [[ -d $d ]] || { echo "bench: $d missing (the mount point for libvirtd's private copy): run scripts/install-deps.sh" >&2; exit 1; }
done
/usr/bin/python3 -c 'import libvirt' 2>/dev/null || { echo "bench: python3-libvirt missing (scripts/install-deps.sh)" >&2; exit 1; }
work=$(mktemp -d /tmp/jvirt-bench-concurrent.XXXXXX)
guest=$("$repo/scripts/build-test-guest.sh")
kernel=$(sed -n 1p <<<"$guest")
initrd=$(sed -n 2p <<<"$guest")
bench=("$java_home/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$jar" io.jvirt.bench.ConcurrentBench)
jpid= lpid= upid=
J="qemu+unix:///session?socket=$work/jd/run/jvirt/jvirt-sock"
L="qemu+unix:///system?socket=$work/ld/sock/libvirt-sock"

now() { date +%s%N; }
ms() { echo $((($2 - $1) / 1000000)); }

# --- clean-up: destroy politely, then kill by pid any QEMU of this run that is left ---------------
our_qemus() { # QEMUs whose command line names this run's directory (their console log is under it)
    local p
    for p in /proc/[0-9]*; do
        [[ $(cat "$p/comm" 2>/dev/null) == qemu-system-* ]] || continue
        tr '\0' ' ' <"$p/cmdline" 2>/dev/null | grep -qF -- "$work/" && echo "${p#/proc/}"
    done
    return 0
}
stop_jvirtd() {
    if [[ -n $jpid ]]; then kill "$jpid" 2>/dev/null || true; wait "$jpid" 2>/dev/null || true; fi
    jpid=
}
stop_libvirtd() {
    if [[ -n $lpid ]]; then kill "$lpid" 2>/dev/null || true; fi
    if [[ -n $upid ]]; then wait "$upid" 2>/dev/null || true; fi
    lpid= upid=
}
cleanup() {
    set +e
    if [[ -n $jpid ]]; then
        for i in $(seq "$n"); do virsh -q -c "$J" destroy "g$i"; done >/dev/null 2>&1
    fi
    if [[ -n $lpid ]]; then
        for i in $(seq "$n"); do virsh -q -c "$L" destroy "g$i"; done >/dev/null 2>&1
    fi
    [[ -d $work/je/root ]] && "${bench[@]}" destroy "$work/je/root" >/dev/null 2>&1
    stop_jvirtd
    stop_libvirtd
    local left
    left=$(our_qemus)
    if [[ -n $left ]]; then
        echo "bench: killing QEMU left by this run: $left" >&2
        # shellcheck disable=SC2086 # one pid per word
        kill $left 2>/dev/null; sleep 1; kill -9 $left 2>/dev/null
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# --- the guests ----------------------------------------------------------------------------------
xml() { # $1 = dir, $2 = name
    cat <<X
<domain type='qemu'>
  <name>$2</name>
  <memory unit='MiB'>128</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>$kernel</kernel>
    <initrd>$initrd</initrd>
    <cmdline>console=ttyS0 quiet panic=-1</cmdline>
  </os>
  <features><acpi/></features>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <serial type='pty'>
      <log file='$1/$2.log' append='off'/>
      <target port='0'/>
    </serial>
    <console type='pty'><target type='serial' port='0'/></console>
    <memballoon model='none'/>
  </devices>
</domain>
X
}
qemu_conf() { # libvirt: QEMU as root, no security driver, no virtlogd, no cgroups
    mkdir -p "$1"
    printf '%s\n' 'user = "root"' 'group = "root"' 'dynamic_ownership = 0' 'security_driver = "none"' \
        'stdio_handler = "file"' 'cgroup_controllers = [ ]' >"$1/qemu.conf"
}
for s in je le jd ld; do
    mkdir -p "$work/$s"
    for i in $(seq "$n"); do xml "$work/$s" "g$i" >"$work/$s/g$i.xml"; done
done
await_ready() { # $1 = dir: every gI.log shows the marker (5 minutes at most)
    local i deadline=$(($(date +%s) + 300))
    for i in $(seq "$n"); do
        until grep -qs JVIRT-GUEST-READY "$1/g$i.log"; do
            (($(date +%s) < deadline)) || { echo "bench: g$i in $1 never got ready" >&2; exit 1; }
            sleep 0.05
        done
    done
}
all_virsh() { # $1 = uri, rest = command: one virsh process per guest, all at once
    local uri=$1 pids=() i rc=0
    shift
    for i in $(seq "$n"); do
        virsh -q -c "$uri" "$@" "g$i" >/dev/null &
        pids+=($!)
    done
    for i in "${pids[@]}"; do wait "$i" || rc=1; done
    return $rc
}
count_state() { virsh -q -c "$1" list "--state-$2" --name 2>/dev/null | grep -c . || true; }

# --- the daemons ---------------------------------------------------------------------------------
start_jvirtd() {
    mkdir -p "$work/jd/run" && chmod 700 "$work/jd/run"
    XDG_RUNTIME_DIR=$work/jd/run XDG_CONFIG_HOME=$work/jd/config XDG_CACHE_HOME=$work/jd/cache \
        "$repo/bin/jvirtd" --session >>"$work/jvirtd.log" 2>&1 &
    jpid=$!
    until [[ -S $work/jd/run/jvirt/jvirt-sock ]]; do sleep 0.01; done
}
start_libvirtd() { # private mount namespace, as in bench-daemon.sh
    local ns=$work/ld/ns
    mkdir -p "$ns/etc" "$ns/run" "$ns/lib" "$ns/cache" "$ns/log" "$work/ld/sock"
    qemu_conf "$ns/etc"
    printf '%s\n' "unix_sock_dir = \"$work/ld/sock\"" 'auth_unix_rw = "none"' 'auth_unix_ro = "none"' >"$work/ld/libvirtd.conf"
    rm -f "$work/ld/libvirtd.pid"
    unshare --mount --propagation private sh -c "mount --bind $ns/etc /etc/libvirt && mount --bind $ns/run /run/libvirt \
        && mount --bind $ns/lib /var/lib/libvirt && mount --bind $ns/cache /var/cache/libvirt && mount --bind $ns/log /var/log \
        && exec /usr/sbin/libvirtd --config $work/ld/libvirtd.conf --pid-file $work/ld/libvirtd.pid" >>"$work/libvirtd.log" 2>&1 &
    upid=$!
    until [[ -S $work/ld/sock/libvirt-sock && -s $work/ld/libvirtd.pid ]]; do sleep 0.01; done
    lpid=$(cat "$work/ld/libvirtd.pid")
}
until_caps() { until virsh -q -c "$1" capabilities >/dev/null 2>&1; do sleep 0.01; done; }
until_running() { # $1 = uri: until list shows N running (2 minutes at most)
    local deadline=$(($(date +%s) + 120))
    until (($(count_state "$1" running) == n)); do
        (($(date +%s) < deadline)) || { echo "bench: $1 never listed $n running guests" >&2; exit 1; }
        sleep 0.01
    done
}

declare -A fig
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- 1 and 2: jvirt embedded ---------------------------------------------------------------------
echo "jvirt embedded: $n concurrent starts..." >&2
line=$("${bench[@]}" start "$work/je/root" "$work/je" "$n")
for kv in $line; do fig[je_${kv%%=*}]=${kv#*=}; done
t0=$(now)
line=$("${bench[@]}" reattach "$work/je/root" "$n")
fig[je_reattach_process]=$(ms "$t0" "$(now)")
for kv in $line; do fig[je_reattach_${kv%%=*}]=${kv#*=}; done
"${bench[@]}" destroy "$work/je/root"

# --- 1: libvirt embedded (python3-libvirt, N threads) --------------------------------------------
echo "libvirt embedded: $n concurrent starts..." >&2
qemu_conf "$work/le/root/etc"
line=$(/usr/bin/python3 - "$work/le/root" "$work/le" "$n" 2>>"$work/python.log" <<'PY'
import sys, threading, time, libvirt
root, xmldir, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
libvirt.virEventRegisterDefaultImpl()   # the embedded driver needs an event loop
threading.Thread(target=lambda: [libvirt.virEventRunDefaultImpl() for _ in iter(int, 1)], daemon=True).start()
conn = libvirt.open('qemu:///embed?root=' + root)
doms = [conn.defineXML(open('%s/g%d.xml' % (xmldir, i)).read()) for i in range(1, n + 1)]
def together(action):
    go, errors = threading.Event(), []
    def run(d):
        go.wait()
        try:
            action(d)
        except libvirt.libvirtError as e:
            errors.append(e)
    ts = [threading.Thread(target=run, args=(d,)) for d in doms]
    [t.start() for t in ts]
    go.set()
    [t.join() for t in ts]
    if errors:
        raise errors[0]
def require(state):
    for d in doms:
        if d.state()[0] != state:
            raise SystemExit('%s is in state %d' % (d.name(), d.state()[0]))
t0 = time.monotonic()
together(lambda d: d.createWithFlags(libvirt.VIR_DOMAIN_START_PAUSED))
require(libvirt.VIR_DOMAIN_PAUSED)
t1 = time.monotonic()
together(lambda d: d.resume())
require(libvirt.VIR_DOMAIN_RUNNING)
t2 = time.monotonic()
for i in range(1, n + 1):
    while 'JVIRT-GUEST-READY' not in open('%s/g%d.log' % (xmldir, i), errors='replace').read():
        if time.monotonic() - t0 > 300:
            raise SystemExit('g%d never got ready' % i)
        time.sleep(0.01)
t3 = time.monotonic()
print('start_ms=%.0f resume_ms=%.0f ready_ms=%.0f' % ((t1 - t0) * 1e3, (t2 - t1) * 1e3, (t3 - t0) * 1e3))
for d in doms:
    d.destroy()
    d.undefine()
conn.close()
PY
)
for kv in $line; do fig[le_${kv%%=*}]=${kv#*=}; done

# --- 1, 2 and 3: the daemons ---------------------------------------------------------------------
for d in jd ld; do
    if [[ $d == jd ]]; then uri=$J; else uri=$L; fi
    echo "$d: first start, $n concurrent starts, restart..." >&2
    t0=$(now)
    if [[ $d == jd ]]; then start_jvirtd; else start_libvirtd; fi
    until_caps "$uri"
    fig[${d}_daemon_probe]=$(ms "$t0" "$(now)")
    for i in $(seq "$n"); do echo "define $work/$d/g$i.xml"; done | virsh -q -c "$uri" >/dev/null
    t0=$(now)
    all_virsh "$uri" start --paused
    (($(count_state "$uri" paused) == n)) || { echo "bench: $d: not all $n guests paused" >&2; exit 1; }
    t1=$(now)
    all_virsh "$uri" resume
    (($(count_state "$uri" running) == n)) || { echo "bench: $d: not all $n guests running" >&2; exit 1; }
    t2=$(now)
    await_ready "$work/$d"
    t3=$(now)
    fig[${d}_start_ms]=$(ms "$t0" "$t1"); fig[${d}_resume_ms]=$(ms "$t1" "$t2"); fig[${d}_ready_ms]=$(ms "$t0" "$t3")
    if [[ $d == jd ]]; then stop_jvirtd; else stop_libvirtd; fi
    t0=$(now)
    if [[ $d == jd ]]; then start_jvirtd; else start_libvirtd; fi
    until_running "$uri"
    fig[${d}_reattach]=$(ms "$t0" "$(now)")
    all_virsh "$uri" destroy
    all_virsh "$uri" undefine
done

# --- 3: first capability probe on empty embedded roots, interleaved rounds -----------------------
echo "first capability probes..." >&2
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
pj=() pl=() pb=() pbj=()
for r in $(seq "$probe_rounds"); do
    t0=$(now); XDG_DATA_HOME=$work/p/x "$repo/bin/jvirsh" -c "qemu:///embed?root=$work/p/j$r" capabilities >/dev/null
    pj+=("$(ms "$t0" "$(now)")")
    qemu_conf "$work/p/l$r/etc"
    t0=$(now); virsh -q -c "qemu:///embed?root=$work/p/l$r" capabilities >/dev/null 2>>"$work/python.log"
    pl+=("$(ms "$t0" "$(now)")")
    t0=$(now); line=$("${bench[@]}" probe "$work/p/b$r")
    pbj+=("$(ms "$t0" "$(now)")")
    for kv in $line; do [[ $kv == probe_ms=* ]] && pb+=("${kv#*=}"); done
done
fig[probe_jvirsh]=$(printf '%s\n' "${pj[@]}" | median)
fig[probe_virsh]=$(printf '%s\n' "${pl[@]}" | median)
fig[probe_inproc]=$(printf '%s\n' "${pb[@]}" | median)
fig[probe_inproc_jvm]=$(printf '%s\n' "${pbj[@]}" | median)
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- report --------------------------------------------------------------------------------------
row() { # label, jvirt ms, libvirt ms (or -)
    if [[ $3 == - ]]; then
        printf '%-58s %9s %9s %8s\n' "$1" "$2" "-" "-"
    else
        awk -v l="$1" -v j="$2" -v v="$3" 'BEGIN { printf "%-58s %9d %9d %7.2fx\n", l, j, v, v / j }'
    fi
}
echo
printf '%-58s %9s %9s %8s\n' "milliseconds ($n guests, TCG, 2 cores)" jvirt libvirt ratio
row "embedded API, $n threads: start --paused, all paused" "${fig[je_start_ms]}" "${fig[le_start_ms]}"
row "  per guest (wall / $n)" "$((fig[je_start_ms] / n))" "$((fig[le_start_ms] / n))"
row "  then resume all, until all running" "${fig[je_resume_ms]}" "${fig[le_resume_ms]}"
row "  start + resume: until all $n running" "$((fig[je_start_ms] + fig[je_resume_ms]))" "$((fig[le_start_ms] + fig[le_resume_ms]))"
row "  first start until all printed JVIRT-GUEST-READY" "${fig[je_ready_ms]}" "${fig[le_ready_ms]}"
row "daemon + $n virsh at once: start --paused, all paused" "${fig[jd_start_ms]}" "${fig[ld_start_ms]}"
row "  per guest (wall / $n)" "$((fig[jd_start_ms] / n))" "$((fig[ld_start_ms] / n))"
row "  then resume all, until all running" "${fig[jd_resume_ms]}" "${fig[ld_resume_ms]}"
row "  start + resume: until all $n running" "$((fig[jd_start_ms] + fig[jd_resume_ms]))" "$((fig[ld_start_ms] + fig[ld_resume_ms]))"
row "  first start until all printed JVIRT-GUEST-READY" "${fig[jd_ready_ms]}" "${fig[ld_ready_ms]}"
row "reattach $n running: daemon restart until list shows $n" "${fig[jd_reattach]}" "${fig[ld_reattach]}"
row "reattach $n running: embedded, fresh process, launch to exit" "${fig[je_reattach_process]}" -
row "  in it: Connect.open (reattaches the $n)" "${fig[je_reattach_open_ms]}" -
row "  in it: open until listAllDomains shows $n running" "${fig[je_reattach_list_ms]}" -
row "first caps probe: fresh process, empty embedded root" "${fig[probe_jvirsh]}" "${fig[probe_virsh]}"
row "  (jvirt Java API: open + getCapabilities, in-process)" "${fig[probe_inproc]}" -
row "  (the same, whole process: java launch to exit)" "${fig[probe_inproc_jvm]}" -
row "first caps probe: daemon start until capabilities answer" "${fig[jd_daemon_probe]}" "${fig[ld_daemon_probe]}"
echo
echo "ratio = libvirt / jvirt (> 1: jvirt is faster). jvirt: jvirsh / the Java API; libvirt: virsh / python3-libvirt."
echo "libvirt 9.0's embedded driver kills its guests when its process exits: no embedded reattach to compare."
echo "probe rounds (jvirsh | virsh, ms): ${pj[*]} | ${pl[*]}"
