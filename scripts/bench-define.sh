#!/usr/bin/env bash
# CPU per define + dumpxml + undefine cycle in the QEMU driver itself (no virsh, no wire, no
# daemon): the driver calls jvirtd makes for scripts/bench-daemon.sh's cycle, on an embedded root,
# with the domain XML that benchmark uses, in a JVM with jvirtd's options (bin/jvirtd,
# bin/jvirt-launch). Prints process CPU and wall microseconds per cycle for each round.
# Usage: scripts/bench-define.sh [CYCLES [ROUNDS [WARMUP]]]   (default 2000 5 5000)
# Extra JVM options (e.g. a flight recording) in JVIRT_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
guest=$(scripts/build-test-guest.sh)
cp_file=jvirt-bench/target/classpath.txt
mvn -B -q -o -Pbench -pl jvirt-bench -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile="$PWD/$cp_file" -Dmdep.includeScope=runtime >/dev/null
cp="jvirt-bench/target/classes:$(cat "$cp_file")"
# bin/jvirt-launch's and bin/jvirtd's JVM options
# shellcheck disable=SC2086 # word splitting of option lists is intended
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k \
    -Xms4m -Xmx512m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:ReservedCodeCacheSize=16m \
    -XX:MaxMetaspaceSize=96m -XX:CICompilerCount=1 -Xss256k -XX:-UsePerfData -XX:TrimNativeHeapInterval=2000 -Xshare:off \
    ${JVIRT_JAVA_OPTS:-} -cp "$cp" io.jvirt.bench.DefineCycle "$(sed -n 1p <<<"$guest")" "$(sed -n 2p <<<"$guest")" "$@"
