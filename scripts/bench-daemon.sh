#!/usr/bin/env bash
# Daemon benchmark: the same real virsh client (one virsh process reading a batch of commands on
# stdin) against jvirtd and against libvirtd 9.0, in one run, interleaved round by round (this
# machine is shared: a figure is the median of ROUNDS, each round running both daemons back to
# back, the order alternating, after one untimed warm-up round of each batch for both), with ratios:
#   client floor: N x `uri` (virsh's own per-command cost, no RPC) and N x `hostname` (one RPC);
#   N x (define, dumpxml, undefine); 10 x `list --all` with N defined domains; N x dominfo;
#   each daemon's RSS idle (10 s after its first client call) and with N defined domains (10 s after
#   the last timed batch). jvirtd gives memory freed by its start-up back to the kernel within a few
#   seconds (bin/jvirtd: TrimNativeHeapInterval), so an RSS read at once after start is ~6 MiB higher.
# For every operation it prints the wall time of each, the speedup (libvirtd / jvirtd), the CPU
# seconds virsh itself used (the floor: a daemon answering in zero time still costs that), the
# CPU seconds each daemon used, and the ceiling: the speedup an infinitely fast jvirtd would get
# (libvirtd's wall / virsh's CPU).
# Needs root (libvirtd runs with a private config and socket; its QEMU driver state is the
# system's /var/lib/libvirt, /run/libvirt: do not run it next to a production libvirtd) and a
# built jvirt. Prints figures; asserts nothing.
#   scripts/bench-daemon.sh [N] [ROUNDS]   (default 1000 and 5)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
n=${1:-1000}
rounds=${2:-5}
work=$(mktemp -d /tmp/jvirt-bench-daemon.XXXXXX)
jpid= lpid= upid=
cleanup() {
    [[ -n $jpid ]] && kill "$jpid" 2>/dev/null && wait "$jpid" 2>/dev/null || true
    [[ -n $lpid ]] && kill "$lpid" 2>/dev/null || true
    [[ -n $upid ]] && wait "$upid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

guest=$("$repo/scripts/build-test-guest.sh")
kernel=$(sed -n 1p <<<"$guest")
initrd=$(sed -n 2p <<<"$guest")

# --- jvirtd (session mode, private XDG dirs), with bin/jvirtd's footprint options ---------------
mkdir -p "$work/j/run" && chmod 700 "$work/j/run"
XDG_RUNTIME_DIR=$work/j/run XDG_CONFIG_HOME=$work/j/config XDG_CACHE_HOME=$work/j/cache \
    "$repo/bin/jvirtd" --session >"$work/jvirtd.log" 2>&1 &
jpid=$!
# --- libvirtd 9.0, everything private ------------------------------------------------------------
# Its own mount namespace: /etc/libvirt, /run/libvirt, /var/lib/libvirt, /var/cache/libvirt and
# /var/log are bind mounts under $work, so it neither sees nor disturbs a host libvirtd. QEMU would
# run as root with no security driver (no guest is started here anyway).
getent passwd libvirt-qemu >/dev/null || { echo "bench: run scripts/install-deps.sh first (libvirt-qemu user)" >&2; exit 1; }
for d in /run/libvirt /var/lib/libvirt /var/cache/libvirt; do
    [[ -d $d ]] || { echo "bench: $d missing (the mount point for libvirtd's private copy): run scripts/install-deps.sh" >&2; exit 1; }
done
ns=$work/l/ns
mkdir -p "$ns/etc" "$ns/run" "$ns/lib" "$ns/cache" "$ns/log"
cat >"$ns/etc/qemu.conf" <<CONF
user = "root"
group = "root"
dynamic_ownership = 0
security_driver = "none"
stdio_handler = "file"
cgroup_controllers = [ ]
CONF
cat >"$work/l/libvirtd.conf" <<CONF
unix_sock_dir = "$work/l"
auth_unix_rw = "none"
auth_unix_ro = "none"
CONF
unshare --mount --propagation private sh -c "mount --bind $ns/etc /etc/libvirt && mount --bind $ns/run /run/libvirt \
    && mount --bind $ns/lib /var/lib/libvirt && mount --bind $ns/cache /var/cache/libvirt && mount --bind $ns/log /var/log \
    && exec /usr/sbin/libvirtd --config $work/l/libvirtd.conf --pid-file $work/l/libvirtd.pid" >"$work/libvirtd.log" 2>&1 &
upid=$!
for _ in $(seq 300); do
    [[ -S $work/j/run/jvirt/jvirt-sock && -S $work/l/libvirt-sock && -s $work/l/libvirtd.pid ]] && break
    sleep 0.1
done
J="qemu+unix:///session?socket=$work/j/run/jvirt/jvirt-sock"
L="qemu+unix:///system?socket=$work/l/libvirt-sock"
virsh -c "$J" uri >/dev/null && virsh -c "$L" uri >/dev/null   # warm up both (capability probes)

# java's pid is the launcher's child after exec: the same pid
lpid=$(cat "$work/l/libvirtd.pid")   # unshare forks; the pid file names libvirtd itself
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # utime + stime, in clock ticks
hz=$(getconf CLK_TCK)
sleep 10
jidle=$(rss "$jpid"); lidle=$(rss "$lpid")

xml() { # $1 = name
    cat <<X
<domain type='qemu'><name>$1</name><memory unit='MiB'>128</memory><vcpu>1</vcpu>
<os><type arch='x86_64' machine='pc'>hvm</type><kernel>$kernel</kernel><initrd>$initrd</initrd></os>
<devices><emulator>/usr/bin/qemu-system-x86_64</emulator><memballoon model='none'/></devices></domain>
X
}
xml bench >"$work/bench.xml"
for i in $(seq "$n"); do xml "b$i" >"$work/b$i.xml"; done
# the batches, written once (generating them is not timed)
for _ in $(seq "$n"); do echo uri; done >"$work/batch-uri"
for _ in $(seq "$n"); do echo hostname; done >"$work/batch-hostname"
for _ in $(seq "$n"); do echo "define $work/bench.xml"; echo "dumpxml bench"; echo "undefine bench"; done >"$work/batch-cycle"
for i in $(seq "$n"); do echo "define $work/b$i.xml"; done >"$work/batch-define"
for _ in $(seq 10); do echo "list --all"; done >"$work/batch-list"
for i in $(seq "$n"); do echo "dominfo b$i"; done >"$work/batch-dominfo"
for i in $(seq "$n"); do echo "undefine b$i"; done >"$work/batch-undefine"

# timed URI PID BATCH: "wall virsh-cpu daemon-cpu" in seconds
timed() {
    local t0 t1 c0 c1 tf
    tf=$work/time.out
    c0=$(cpu "$2")
    t0=$(date +%s%N)
    { TIMEFORMAT='%U %S'; time virsh -c "$1" <"$3" >/dev/null; } 2>"$tf"
    t1=$(date +%s%N)
    c1=$(cpu "$2")
    awk -v a="$t0" -v b="$t1" -v c0="$c0" -v c1="$c1" -v hz="$hz" '{ printf "%.3f %.3f %.3f\n", (b - a) / 1e9, $1 + $2, (c1 - c0) / hz }' "$tf"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# measure NAME BATCH: ROUNDS interleaved rounds, then one line of medians
measure() {
    local name=$1 batch=$2 r jw=() lw=() jv=() lv=() jc=() lc=() a b
    local wj wl # warm-up, not counted (libvirtd's first dominfo pass is several times slower, jvirtd's JIT warms)
    wj=$(timed "$J" "$jpid" "$batch" | cut -d' ' -f1); wl=$(timed "$L" "$lpid" "$batch" | cut -d' ' -f1)
    for r in $(seq "$rounds"); do
        if ((r % 2)); then
            read -r -a a <<<"$(timed "$J" "$jpid" "$batch")"; read -r -a b <<<"$(timed "$L" "$lpid" "$batch")"
        else
            read -r -a b <<<"$(timed "$L" "$lpid" "$batch")"; read -r -a a <<<"$(timed "$J" "$jpid" "$batch")"
        fi
        jw+=("${a[0]}"); jv+=("${a[1]}"); jc+=("${a[2]}"); lw+=("${b[0]}"); lv+=("${b[1]}"); lc+=("${b[2]}")
    done
    local mjw mlw mv mjc mlc
    mjw=$(printf '%s\n' "${jw[@]}" | median); mlw=$(printf '%s\n' "${lw[@]}" | median)
    mv=$(printf '%s\n' "${jv[@]}" "${lv[@]}" | median)
    mjc=$(printf '%s\n' "${jc[@]}" | median); mlc=$(printf '%s\n' "${lc[@]}" | median)
    awk -v n="$name" -v jw="$mjw" -v lw="$mlw" -v v="$mv" -v jc="$mjc" -v lc="$mlc" 'BEGIN {
        printf "%-38s %8.3f %8.3f %7.2fx %8.3f %8.3f %8.3f %7.2fx\n", n, jw, lw, lw / jw, v, jc, lc, (v > 0 ? lw / v : 0) }'
    echo "  $name: jvirtd ${jw[*]} | libvirtd ${lw[*]} (warm-up: $wj | $wl)" >>"$work/rounds"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (figures are noisy when it is high: run again)"
printf '%-38s %8s %8s %8s %8s %8s %8s %8s\n' "wall seconds, median of $rounds" jvirtd libvirtd speedup \
    "virsh" "jvirtd" "libvirtd" ceiling
printf '%-38s %8s %8s %8s %8s %8s %8s %8s\n' "" "" "" "" "cpu" "cpu" "cpu" ""
measure "client floor: $n x uri (no RPC)" "$work/batch-uri"
measure "$n x hostname (1 RPC each)" "$work/batch-hostname"
measure "$n x (define, dumpxml, undefine)" "$work/batch-cycle"
timed "$J" "$jpid" "$work/batch-define" >/dev/null; timed "$L" "$lpid" "$work/batch-define" >/dev/null
measure "10 x list --all with $n domains" "$work/batch-list"
measure "$n x dominfo" "$work/batch-dominfo"
sleep 10
jfull=$(rss "$jpid"); lfull=$(rss "$lpid")
timed "$J" "$jpid" "$work/batch-undefine" >/dev/null; timed "$L" "$lpid" "$work/batch-undefine" >/dev/null
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "per-round wall seconds:"
cat "$work/rounds"
echo
printf '%-38s %8s %8s %8s\n' "RSS (MiB, after 10 s of quiet)" jvirtd libvirtd ratio
awk -v j="$jidle" -v l="$lidle" 'BEGIN { printf "%-38s %8d %8d %7.2fx\n", "idle", j, l, j / l }'
awk -v j="$jfull" -v l="$lfull" -v n="$n" 'BEGIN { printf "%-38s %8d %8d %7.2fx\n", "with " n " defined domains", j, l, j / l }'
echo
echo "speedup = libvirtd wall / jvirtd wall (> 1: jvirtd is faster); ceiling = libvirtd wall / virsh's own"
echo "CPU: the most any daemon could gain, virsh's own work being the same for both."
