#!/usr/bin/env bash
# The test command: installs what is missing (as root), builds the tiny test
# guest, then runs every test (unit and integration, with real QEMU) with a
# JDK >= 25:   scripts/test.sh [extra mvn args]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
java_home=$(scripts/prepare.sh)
JAVA_HOME=$java_home exec mvn -B verify "$@" </dev/null
