#!/usr/bin/env bash
# The test command: installs what is missing (as root), builds the tiny test
# guest, then runs every test (unit and integration, with real QEMU) with a
# JDK >= 25:   scripts/test.sh [extra mvn args]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
if [[ $(id -u) -eq 0 ]]; then
    scripts/install-deps.sh
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n scripts/install-deps.sh
else
    echo "test: not root: assuming scripts/install-deps.sh has been run" >&2
fi
scripts/build-test-guest.sh >/dev/null
java_home=$(scripts/find-jdk.sh)
JAVA_HOME=$java_home exec mvn -B verify "$@" </dev/null
