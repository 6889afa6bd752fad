#!/usr/bin/env bash
# Start-up benchmark: jvirt (embedded) against bare QEMU with the same argv, in
# one run. Prints per-round figures and medians (not a test; nothing asserts).
#   scripts/bench-start.sh [ROUNDS]        (default 5; needs a built jvirt)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
guest=$("$repo/scripts/build-test-guest.sh")
kernel=$(sed -n 1p <<<"$guest")
initrd=$(sed -n 2p <<<"$guest")
java_home=$("$repo/scripts/find-jdk.sh")
jar=$repo/jvirt-dist/target/jvirt-all.jar
[[ -f $jar ]] || { echo "bench: build first: JAVA_HOME=$java_home mvn -B -DskipTests package" >&2; exit 1; }
exec "$java_home/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$jar" io.jvirt.bench.StartBench \
    "$kernel" "$initrd" "${1:-5}"
