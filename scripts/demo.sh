#!/usr/bin/env bash
# The demo: installs what is missing (as root: QEMU and friends; checks for a
# JDK >= 25), builds the tiny guest and jvirt, then boots the example guest
# from its domain XML in embedded mode with bin/jvirt-run, showing its serial
# console. The guest powers itself off 2 s after it is up; jvirt-run then
# exits 0.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
java_home=$(scripts/prepare.sh)
echo "demo: building jvirt (mvn -B -q -DskipTests package)" >&2
JAVA_HOME=$java_home mvn -B -q -DskipTests package </dev/null
echo "demo: bin/jvirt-run --console --verbose examples/tiny-guest.xml" >&2
exec bin/jvirt-run --console --verbose examples/tiny-guest.xml
