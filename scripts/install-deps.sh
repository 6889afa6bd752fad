#!/usr/bin/env bash
# Installs what jvirt's build, tests and test guest need on a fresh Debian 12.
# Run as root. Idempotent: packages already installed are not touched, and
# `apt-get update` runs at most once, only when something must be installed and
# the package lists cannot provide it. A run with nothing to do takes well under
# a second.
#
#   scripts/install-deps.sh          # install, then check for a JDK >= 25
#
# Exit status is non-zero if an install failed or no JDK >= 25 was found (the
# JDK cannot come from Debian 12; the message says what to install).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

say() { printf 'install-deps: %s\n' "$*"; }
die() { printf 'install-deps: error: %s\n' "$*" >&2; exit 1; }

# QEMU (TCG guests, qemu-img), cpio for the guest's initramfs, python3 for QMP in
# scripts, the real libvirt as an interop peer (virsh, libvirtd, python
# bindings, xmllint for virt-xml-validate), ssh and nc (the remote end of a
# qemu+ssh connection, as libvirt's ssh transport uses it) for qemu+ssh tests, procps (ps,
# pkill-free process inspection), numad for placement=auto. busybox is NOT installed on the host: the
# guest build downloads and unpacks busybox-static itself.
packages=(
    qemu-system-x86 qemu-utils
    qemu-block-extra
    cpio
    python3
    libvirt-clients libvirt-daemon libvirt-daemon-driver-qemu python3-libvirt
    libxml2-utils
    openssh-client openssh-server netcat-openbsd
    swtpm swtpm-tools ovmf
    numad
    procps
)
# Maven only if no mvn is on PATH (it may come from outside Debian).
command -v mvn >/dev/null 2>&1 || packages+=(maven)

if [[ $(id -u) -ne 0 ]]; then
    die "must run as root (try: sudo $0)"
fi
{ command -v dpkg-query && command -v apt-get; } >/dev/null 2>&1 ||
    die "this script is for Debian (dpkg and apt-get not found)"

installed() {
    [[ $(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null) == installed ]]
}

missing=()
for p in "${packages[@]}"; do
    installed "$p" || missing+=("$p")
done

apt_install() {
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@"
}

updated=false
apt_update() {
    $updated && return 0
    say "running apt-get update"
    apt-get update -q >/dev/null || die "apt-get update failed"
    updated=true
}

if ((${#missing[@]})); then
    say "installing: ${missing[*]}"
    # Package lists missing or without one of the packages: update first.
    for p in "${missing[@]}"; do
        if ! apt-cache show "$p" >/dev/null 2>&1; then
            apt_update
            break
        fi
    done
    if ! apt_install "${missing[@]}"; then
        # Typical cause: stale lists pointing at files the mirror dropped.
        if ! $updated; then
            say "install failed; updating package lists and retrying once"
            apt_update
            apt_install "${missing[@]}" || die "apt-get install failed: ${missing[*]}"
        else
            die "apt-get install failed: ${missing[*]}"
        fi
    fi
    for p in "${missing[@]}"; do
        installed "$p" || die "package $p is still not installed"
    done
else
    say "all ${#packages[@]} packages already installed"
fi

# libvirt's QEMU driver run as root starts QEMU as libvirt-qemu:libvirt-qemu
# (Debian's built-in default) and fails to initialize if either is missing
# ("Failed to parse group 'libvirt-qemu'"). Debian creates them in
# libvirt-daemon-system's postinst, which we do not install (it brings the
# system services); do the same here: user libvirt-qemu (uid 64055 if free)
# with primary group kvm, plus a group libvirt-qemu (gid 64055 if free) that
# it belongs to.
if ! getent group kvm >/dev/null; then
    groupadd --system kvm || die "cannot create group kvm"
    say "created group kvm"
fi
if ! getent passwd libvirt-qemu >/dev/null; then
    uid_opt=()
    getent passwd 64055 >/dev/null || uid_opt=(--uid 64055)
    useradd --system -K SYS_UID_MAX=64055 "${uid_opt[@]}" --gid kvm --no-create-home --home-dir /var/lib/libvirt \
        --shell /usr/sbin/nologin --comment "Libvirt Qemu" libvirt-qemu ||
        die "cannot create user libvirt-qemu"
    say "created system user libvirt-qemu (group kvm)"
fi
if ! getent group libvirt-qemu >/dev/null; then
    gid_opt=()
    getent group 64055 >/dev/null || gid_opt=(--gid 64055)
    groupadd --system -K SYS_GID_MAX=64055 "${gid_opt[@]}" libvirt-qemu || die "cannot create group libvirt-qemu"
    say "created group libvirt-qemu"
fi
if ! id -nG libvirt-qemu | tr ' ' '\n' | grep -qx libvirt-qemu; then
    usermod -a -G libvirt-qemu libvirt-qemu || die "cannot add libvirt-qemu to group libvirt-qemu"
fi

# The directories libvirt-daemon-system's package would ship: a real libvirtd
# (the interop peer, run in a private mount namespace with these bind-mounted
# over) needs them to exist as mount points. /run is a tmpfs: redone each boot.
for d in /run/libvirt /var/lib/libvirt /var/cache/libvirt; do
    [[ -d $d ]] || { install -d -m 0755 "$d" && say "created $d"; }
done

if java_home=$("$here/find-jdk.sh"); then
    say "JDK: $java_home"
else
    die "no JDK >= 25 (see above); Debian 12 has none, so it must be installed separately"
fi
say "done"
