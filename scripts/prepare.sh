#!/usr/bin/env bash
# Shared first steps of scripts/demo.sh and scripts/test.sh: installs missing
# packages (as root, or with password-less sudo; otherwise assumes it was
# done), builds the tiny test guest, and prints the JAVA_HOME of a JDK >= 25.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [[ $(id -u) -eq 0 ]]; then
    "$here/install-deps.sh" >&2
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n "$here/install-deps.sh" >&2
else
    echo "prepare: not root: assuming scripts/install-deps.sh has been run" >&2
fi
"$here/build-test-guest.sh" >/dev/null
"$here/find-jdk.sh"
