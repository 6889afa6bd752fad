#!/usr/bin/env bash
# Capability probe benchmark: jvirt's first probe and cached open of one emulator (in a cold
# JVM, then warm rounds), then libvirt 9.0's first probe (virsh capabilities on a fresh embedded
# root) when virsh is installed. Prints figures; nothing asserts.
#   scripts/bench-caps.sh [EMULATOR] [ROUNDS]      (needs a built jvirt)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
java_home=$("$repo/scripts/find-jdk.sh")
jar=$repo/jvirt-dist/target/jvirt-all.jar
[[ -f $jar ]] || { echo "bench: build first: JAVA_HOME=$java_home mvn -B -DskipTests package" >&2; exit 1; }
emulator=${1:-/usr/bin/qemu-system-x86_64}
echo "jvirt ($emulator):"
"$java_home/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$jar" io.jvirt.bench.CapsBench "$emulator" "${2:-3}"
root=$(mktemp -d /tmp/jvirt-caps-bench-XXXXXX)
echo "jvirsh version on a fresh root (JVM start + probe):"
t0=$(date +%s%N); XDG_DATA_HOME=$root/x "$repo/bin/jvirsh" -c "qemu:///embed?root=$root/j" version >/dev/null
echo "  $(( ($(date +%s%N) - t0) / 1000000 )) ms; again (cached): \
$(t1=$(date +%s%N); "$repo/bin/jvirsh" -c "qemu:///embed?root=$root/j" version >/dev/null; echo $(( ($(date +%s%N) - t1) / 1000000 ))) ms"
if command -v virsh >/dev/null; then
    echo "libvirt: virsh version on a fresh embedded root (probes every emulator):"
    t0=$(date +%s%N); virsh -c "qemu:///embed?root=$root/l" version >/dev/null
    echo "  $(( ($(date +%s%N) - t0) / 1000000 )) ms; again (cached): \
$(t1=$(date +%s%N); virsh -c "qemu:///embed?root=$root/l" version >/dev/null; echo $(( ($(date +%s%N) - t1) / 1000000 ))) ms"
fi
rm -rf "$root"
