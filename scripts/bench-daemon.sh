#!/usr/bin/env bash
# Daemon benchmark: the same real virsh client (one virsh process reading a batch of commands on
# stdin) against jvirtd and against libvirtd 9.0, in one run, with ratios:
#   1000 x (define, dumpxml, undefine); `list --all` with 1000 defined domains; 1000 x dominfo;
#   each daemon's RSS idle and with 1000 defined domains; and the CPU time of virsh itself and of
#   each daemon per batch, with the bound virsh's own cost puts on any daemon's speedup.
# Needs root (libvirtd runs with a private config and socket; its QEMU driver state is the
# system's /var/lib/libvirt, /run/libvirt: do not run it next to a production libvirtd) and a
# built jvirt. Prints figures; asserts nothing.     scripts/bench-daemon.sh [N]   (default 1000)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
n=${1:-1000}
work=$(mktemp -d /tmp/jvirt-bench-daemon.XXXXXX)
jpid= lpid=
cleanup() {
    [[ -n $jpid ]] && kill "$jpid" 2>/dev/null && wait "$jpid" 2>/dev/null || true
    [[ -n $lpid ]] && kill "$lpid" 2>/dev/null || true
    sleep 1
    rm -rf "$work"
}
trap cleanup EXIT

guest=$("$repo/scripts/build-test-guest.sh")
kernel=$(sed -n 1p <<<"$guest")
initrd=$(sed -n 2p <<<"$guest")

# --- jvirtd (session mode, private XDG dirs) --------------------------------------------------
mkdir -p "$work/j/run" && chmod 700 "$work/j/run"
XDG_RUNTIME_DIR=$work/j/run XDG_CONFIG_HOME=$work/j/config XDG_CACHE_HOME=$work/j/cache \
    "$repo/bin/jvirtd" --session >"$work/jvirtd.log" 2>&1 &
jpid=$!
# --- libvirtd 9.0, everything private ------------------------------------------------------------
# Its own mount namespace: /etc/libvirt, /run/libvirt, /var/lib/libvirt, /var/cache/libvirt and
# /var/log are bind mounts under $work, so it neither sees nor disturbs a host libvirtd. QEMU would
# run as root with no security driver (no guest is started here anyway).
getent passwd libvirt-qemu >/dev/null || { echo "bench: run scripts/install-deps.sh first (libvirt-qemu user)" >&2; exit 1; }
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
lpid=$!
for _ in $(seq 300); do
    [[ -S $work/j/run/jvirt/jvirt-sock && -S $work/l/libvirt-sock ]] && break
    sleep 0.1
done
J="qemu+unix:///session?socket=$work/j/run/jvirt/jvirt-sock"
L="qemu+unix:///system?socket=$work/l/libvirt-sock"
virsh -c "$J" uri >/dev/null && virsh -c "$L" uri >/dev/null   # warm up both (capability probes)

# java's pid is the launcher's child after exec: the same pid
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }
lpid=$(cat "$work/l/libvirtd.pid")   # unshare forks; the pid file names libvirtd itself
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

batch_cycle() { for _ in $(seq "$n"); do echo "define $work/bench.xml"; echo "dumpxml bench"; echo "undefine bench"; done; }
batch_define() { for i in $(seq "$n"); do echo "define $work/b$i.xml"; done; }
batch_dominfo() { for i in $(seq "$n"); do echo "dominfo b$i"; done; }
batch_undefine() { for i in $(seq "$n"); do echo "undefine b$i"; done; }

cputime() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }   # clock ticks (1/100 s) of user + system
timed() { # $1 = uri, $2 = tag, stdin = batch; prints seconds; records virsh's own CPU and the daemons'
    local t0 t1 j0 l0
    t0=$(date +%s%N); j0=$(cputime "$jpid"); l0=$(cputime "$lpid")
    /usr/bin/time -f "%U %S" -o "$work/virsh.$2" virsh -c "$1" >/dev/null
    t1=$(date +%s%N)
    echo "$(( $(cputime "$jpid") - j0 + $(cputime "$lpid") - l0 ))" >"$work/daemon.$2"
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }' | tee "$work/elapsed.$2"
}
cpu() { awk '{ printf "%.2f", $1 + $2 }' "$work/virsh.$1"; }
dcpu() { awk '{ printf "%.2f", $1 / 100 }' "$work/daemon.$1"; }
row() { awk -v n="$1" -v j="$2" -v l="$3" 'BEGIN { printf "%-44s %10.3f %10.3f %8.2fx\n", n, j, l, l / j }'; }

printf '%-44s %10s %10s %9s\n' "operation (seconds, lower is better)" "jvirtd" "libvirtd" "speedup"
row "$n x (define, dumpxml, undefine)" "$(batch_cycle | timed "$J" jc)" "$(batch_cycle | timed "$L" lc)"
batch_define | timed "$J" jd >/dev/null; batch_define | timed "$L" ld >/dev/null
list10() { for _ in $(seq 10); do echo "list --all"; done; }
row "10 x list --all with $n domains" "$(list10 | timed "$J" jl)" "$(list10 | timed "$L" ll)"
row "$n x dominfo" "$(batch_dominfo | timed "$J" ji)" "$(batch_dominfo | timed "$L" li)"
jfull=$(rss "$jpid"); lfull=$(rss "$lpid")
# The client floor: the virsh process's own CPU time for each batch. virsh works synchronously,
# so no daemon can make a batch finish sooner than its client computes: libvirtd's time divided
# by virsh's CPU (against jvirtd) bounds the speedup any daemon could show on that batch.
printf '\n%-44s %10s %10s %10s %10s %9s\n' "CPU seconds (same batches)" "virsh(j)" "jvirtd" "virsh(l)" "libvirtd" "bound"
for t in c:"define, dumpxml, undefine" l:"list --all" i:"dominfo"; do
    k=${t%%:*}
    printf '%-44s %10s %10s %10s %10s %8.2fx\n' "${t#*:}" "$(cpu "j$k")" "$(dcpu "j$k")" "$(cpu "l$k")" "$(dcpu "l$k")" \
        "$(awk -v l="$(cat "$work/elapsed.l$k")" -v c="$(cpu "j$k")" 'BEGIN { print l / c }')"
done
batch_undefine | timed "$J" ju >/dev/null; batch_undefine | timed "$L" lu >/dev/null
printf '\n%-44s %10s %10s\n' "RSS (MiB)" "jvirtd" "libvirtd"
printf '%-44s %10s %10s\n' "idle" "$jidle" "$lidle"
printf '%-44s %10s %10s\n' "with $n defined domains" "$jfull" "$lfull"
