#!/usr/bin/env bash
# JMH benchmark of the domain XML path (parse + post-parse + validate + format), printing
# documents per second for a typical 80-line guest and a 1000-device guest.
# Usage: scripts/bench-xml.sh [extra JMH options, e.g. -f 2 -i 10]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
cp_file=jvirt-bench/target/classpath.txt
mvn -B -q -o -Pbench -pl jvirt-bench -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile="$PWD/$cp_file" -Dmdep.includeScope=runtime >/dev/null
# reactor siblings resolve to their jars; the benchmark's own classes come first
cp="jvirt-bench/target/classes:$(cat "$cp_file")"
json=jvirt-bench/target/jmh-result.json
"$JAVA_HOME/bin/java" -cp "$cp" org.openjdk.jmh.Main DomainXmlBench \
    -f 1 -wi 5 -w 2s -i 5 -r 2s -rf json -rff "$json" "$@" >jvirt-bench/target/jmh.log
python3 - "$json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1])):
    m = r["primaryMetric"]
    print("%-18s %12.1f docs/s  (+/- %.1f)" % (r["params"]["document"], m["score"], m["scoreError"]))
PY
