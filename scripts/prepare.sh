#!/usr/bin/env bash
# Shared first steps of scripts/demo.sh and scripts/test.sh: installs missing
# packages (as root, or with password-less sudo; otherwise assumes it was
# done), builds the tiny test guest in both flavours, and prints the JAVA_HOME
# of a JDK >= 25. The full flavour (Debian's generic kernel, for the 9p tests)
# costs a fresh machine a 71 MB download and 13-18 s of build once (79 MB kept
# in .cache/); after that both builds are no-ops (under 1 s) until the guest's
# recipe changes.
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
JVIRT_GUEST_FLAVOUR=full "$here/build-test-guest.sh" >/dev/null
"$here/find-jdk.sh"
