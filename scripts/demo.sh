#!/usr/bin/env bash
# The demo: installs what is missing (as root: QEMU and friends; checks for a
# JDK >= 25), builds the tiny guest and jvirt, then boots the example guest
# from its domain XML in embedded mode with bin/jvirt-run, showing its serial
# console. The guest powers itself off 2 s after it is up; jvirt-run then
# exits 0.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
if [[ $(id -u) -eq 0 ]]; then
    scripts/install-deps.sh
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n scripts/install-deps.sh
else
    echo "demo: not root: assuming scripts/install-deps.sh has been run" >&2
fi
scripts/build-test-guest.sh >/dev/null
java_home=$(scripts/find-jdk.sh)
echo "demo: building jvirt (mvn -B -q -DskipTests package)" >&2
JAVA_HOME=$java_home mvn -B -q -DskipTests package </dev/null
echo "demo: bin/jvirt-run --console --verbose examples/tiny-guest.xml" >&2
exec bin/jvirt-run --console --verbose examples/tiny-guest.xml
