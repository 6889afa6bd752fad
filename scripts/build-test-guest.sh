#!/usr/bin/env bash
# Builds jvirt's tiny test guest: a Debian kernel plus a busybox initramfs (see
# scripts/test-guest/init for what the guest prints), and publishes it at a
# fixed absolute place so committed domain XML can name it. Two flavours:
#
#   cloud (default)  Debian's cloud kernel (linux-image-cloud-amd64's
#                    dependency): the guest every test boots. No 9p in it
#                    (CONFIG_NET_9P is not set).
#   full             Debian's generic kernel (linux-image-amd64's dependency),
#                    for the tests that need what the cloud kernel lacks: 9p
#                    (jvirt.modules=9p). The same init and modules plus that,
#                    but two to three times as slow to boot: on the project's
#                    busy 2-core machine under TCG, start to READY took
#                    7.7-12.9 s (medians of 3 boots, scripts/boot-bare-qemu.sh
#                    with JVIRT_GUEST_FLAVOUR=full) where the cloud one took
#                    3.4-4.9 s, so only those tests use it. Its kernel package
#                    is a 71 MB download (cloud: 27 MB); the first build takes
#                    13-18 s and about 400 MB of scratch space while it runs.
#
#   ${JVIRT_GUEST_DIR:-/var/tmp/jvirt-test-guest}/vmlinuz          cloud
#   ${JVIRT_GUEST_DIR:-/var/tmp/jvirt-test-guest}/initrd.img
#   ${JVIRT_GUEST_DIR:-/var/tmp/jvirt-test-guest}/guest.info       (what was built)
#   ${JVIRT_GUEST_DIR:-/var/tmp/jvirt-test-guest}-full/...         full, same names
#
# Works as a normal user (apt-get download needs no root), but needs current
# apt package lists; run `apt-get update` as root (or scripts/install-deps.sh)
# if it says it cannot find a package. Builds into
# <repo>/.cache/test-guest/<kernel-version>/ (git-ignored) and does nothing
# when the published files already match that build. Status goes to stderr;
# the two published paths are printed on stdout at the end.
#
# Environment:
#   JVIRT_GUEST_FLAVOUR      cloud (default) or full
#   JVIRT_GUEST_DIR          where to publish the cloud flavour (default
#                            /var/tmp/jvirt-test-guest); the full one goes to
#                            the same path with -full appended
#   JVIRT_GUEST_KERNEL_PKG   kernel package to use instead of the one
#                            linux-image-cloud-amd64 (full: linux-image-amd64)
#                            depends on
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
src=$repo/scripts/test-guest
flavour=${JVIRT_GUEST_FLAVOUR:-cloud}
out=${JVIRT_GUEST_DIR:-/var/tmp/jvirt-test-guest}
case $flavour in
cloud) meta=linux-image-cloud-amd64 kpattern='^linux-image-.*-cloud-amd64$' ;;
full) meta=linux-image-amd64 kpattern='^linux-image-[0-9.]+-[0-9]+-amd64$' out=$out-full ;;
*) printf "build-test-guest: error: JVIRT_GUEST_FLAVOUR='%s': expected cloud or full\n" "$flavour" >&2; exit 1 ;;
esac
cache_root=$repo/.cache/test-guest

# Modules for the initramfs (names as in modules.dep, '-' read as '_'); their
# dependencies come along, built-in ones are left out. Required: the power
# button (ACPI shutdown) and virtio disk and network; optional ones only warn
# when missing. On-demand ones are in the image but load only when the kernel
# command line names them, e.g. jvirt.modules=ata_piix,sr_mod (IDE disks and
# CD-ROMs): probing the pc machine's always-present IDE controller costs about
# 0.3 s of boot under TCG. An on-demand entry GROUP=MOD+MOD loads all of its
# modules for jvirt.modules=GROUP. virtiofs (with fuse) loads for
# jvirt.fs=virtiofs:...; 9p is not in Debian's cloud kernel (CONFIG_NET_9P is
# not set), so only the full flavour has it: jvirt.modules=9p loads the 9p
# filesystem (with 9pnet, netfs, fscache) and its virtio transport (which the
# filesystem would otherwise ask modprobe for, and there is none) for
# jvirt.fs=9p:...
# shellcheck disable=SC2034 # read through a nameref in build()
required_modules=(evdev button virtio_pci virtio_blk virtio_net)
# shellcheck disable=SC2034
optional_modules=(virtio_scsi sd_mod virtio_balloon virtio_console pvpanic_mmio pvpanic_pci)
# shellcheck disable=SC2034
ondemand_modules=(ata_piix sr_mod virtiofs)
[[ $flavour == full ]] && ondemand_modules+=(9p=9pnet_virtio+9p)

say() { printf 'build-test-guest: %s\n' "$*" >&2; }
die() { printf 'build-test-guest: error: %s\n' "$*" >&2; exit 1; }

for tool in apt-get apt-cache dpkg-deb cpio gzip sha256sum cmp; do
    command -v "$tool" >/dev/null 2>&1 ||
        die "'$tool' not found (Debian 12 expected; scripts/install-deps.sh installs cpio)"
done

mkdir -p "$cache_root" || die "cannot create $cache_root"
mkdir -p "$out" 2>/dev/null || true
# One build at a time per publish directory (worktrees of one repo share it),
# or per cache when the publish directory is someone else's.
if command -v flock >/dev/null 2>&1; then
    if [[ -w $out ]]; then lock=$out/.lock; else lock=$cache_root/.lock; fi
    exec 9>>"$lock" || die "cannot open lock file $lock"
    flock 9
fi

# Debian's docker-style images disable apt's binary cache, which makes every
# apt-cache call parse the lists again (~1 s). Keep our own, next to the build:
# apt still rebuilds it whenever the lists change.
apt_opts=(-q -o "Dir::Cache::pkgcache=$cache_root/pkgcache.bin" -o Dir::Cache::srcpkgcache=)
# As root, apt-get download drops privileges to _apt, which cannot write here.
[[ $(id -u) -eq 0 ]] && apt_opts+=(-o APT::Sandbox::User=root)

# The recipe: a change to this script or the guest's files rebuilds the image.
recipe=$(cat "${BASH_SOURCE[0]}" "$src/init" "$src/power-button" | sha256sum)
recipe=${recipe%% *}

built_ok() { # $1 = cache dir of one kernel version
    [[ -f $1/vmlinuz && -f $1/initrd.img && -f $1/stamp ]] &&
        grep -qx "recipe=$recipe" "$1/stamp"
}

# --- which kernel ------------------------------------------------------------
kpkg=${JVIRT_GUEST_KERNEL_PKG:-}
if [[ -z $kpkg ]]; then
    kpkg=$(apt-cache "${apt_opts[@]}" depends "$meta" 2>/dev/null |
        awk -v want="$kpattern" '$1 == "Depends:" && $2 ~ want { print $2; exit }') || true
fi
if [[ -z $kpkg ]]; then
    # No usable package lists: reuse the newest complete build, if any.
    newest=
    for d in "$cache_root"/*/; do
        d=${d%/}
        [[ linux-image-${d##*/} =~ $kpattern ]] || continue
        if built_ok "$d" && { [[ -z $newest ]] || [[ $d -nt $newest ]]; }; then newest=$d; fi
    done
    [[ -n $newest ]] || die "apt-cache cannot find $meta: the apt package lists are missing or stale. Run 'apt-get update' as root (scripts/install-deps.sh does), then run this again."
    kpkg=linux-image-${newest##*/}
    say "apt-cache cannot resolve $meta; reusing the cached $kpkg"
fi
kver=${kpkg#linux-image-}
dir=$cache_root/$kver

# --- build into the cache ----------------------------------------------------
build() {
    local tmp
    tmp=$(mktemp -d "$cache_root/.build.XXXXXX")
    # shellcheck disable=SC2064 # expand now: $tmp is local
    trap "rm -rf '$tmp'" EXIT
    mkdir -p "$dir/debs"

    fetch() { # $1 = package; prints the .deb's path
        local pkg=$1 deb
        deb=$(find "$dir/debs" -maxdepth 1 -name "${pkg}_*.deb" -print -quit)
        if [[ -z $deb ]]; then
            say "downloading $pkg"
            (cd "$tmp" && apt-get "${apt_opts[@]}" download "$pkg" >&2) ||
                die "cannot fetch package $pkg (apt-get download failed, see above). If the apt package lists are stale, run 'apt-get update' as root and try again."
            deb=$(find "$tmp" -maxdepth 1 -name "${pkg}_*.deb" -print -quit)
            [[ -n $deb ]] || die "apt-get download $pkg produced no .deb"
            mv "$deb" "$dir/debs/" && deb=$dir/debs/${deb##*/}
        fi
        printf '%s\n' "$deb"
    }
    local kdeb bdeb
    kdeb=$(fetch "$kpkg")
    bdeb=$(fetch busybox-static)

    say "unpacking ${kdeb##*/} and ${bdeb##*/}"
    dpkg-deb -x "$kdeb" "$tmp/k" || die "cannot unpack $kdeb"
    dpkg-deb -x "$bdeb" "$tmp/b" || die "cannot unpack $bdeb"
    local bb=$tmp/b/bin/busybox mods=$tmp/k/lib/modules/$kver
    [[ -x $bb ]] || die "busybox-static holds no bin/busybox"
    [[ -f $tmp/k/boot/vmlinuz-$kver ]] || die "$kpkg holds no boot/vmlinuz-$kver"
    [[ -d $mods ]] || die "$kpkg holds no lib/modules/$kver"
    # The package ships no modules.dep (depmod runs at install time); busybox's
    # depmod writes one without root.
    if [[ ! -f $mods/modules.dep ]]; then
        "$bb" depmod -b "$tmp/k" "$kver" || die "depmod failed for $kver"
    fi

    # --- module closure, dependencies first -----------------------------------
    local -A path_of deps_of builtin seen
    local line p n
    modname() { n=${1##*/}; n=${n%%.ko*}; n=${n//-/_}; }
    while IFS= read -r line; do
        p=${line%%:*}
        modname "$p"
        path_of[$n]=$p
        deps_of[$n]=${line#*:}
    done <"$mods/modules.dep"
    if [[ -f $mods/modules.builtin ]]; then
        while IFS= read -r p; do modname "$p"; builtin[$n]=1; done <"$mods/modules.builtin"
    fi
    # order: "class name" lines, each module after its dependencies. Required
    # and optional modules share one closure (a dependency of a required module
    # is required); each on-demand module gets its own, loaded only when named.
    local order=()
    visit() { # $1 = name, $2 = class, $3 = closure id
        local m=$1 dep
        [[ -n ${seen[$3/$m]:-} ]] && return 0
        seen[$3/$m]=1
        for dep in ${deps_of[$m]}; do
            modname "$dep"
            [[ -n ${builtin[$n]:-} ]] || visit "$n" "$2" "$3"
        done
        order+=("$2 $m")
    }
    local m kind want group members notes=()
    for kind in required optional ondemand; do
        local -n wanted=${kind}_modules
        for want in "${wanted[@]}"; do
            group=${want%%=*} group=${group//-/_} members=${want#*=} # GROUP=A+B, or just A
            for m in ${members//+/ }; do
                m=${m//-/_}
                if [[ -n ${builtin[$m]:-} ]]; then
                    notes+=("$m=built-in")
                elif [[ -n ${path_of[$m]:-} ]]; then
                    case $kind in
                    ondemand) visit "$m" "ondemand:$group" "$group" ;;
                    *) visit "$m" "$kind" main ;;
                    esac
                elif [[ $kind == required ]]; then
                    die "kernel $kver has module $m neither built in nor as a module"
                else
                    say "warning: kernel $kver has no module $m; leaving it out"
                fi
            done
        done
        unset -n wanted
    done

    # --- initramfs tree ---------------------------------------------------------
    local root=$tmp/root a rel
    mkdir -p "$root"/{bin,dev,proc,sys,tmp,run,root,usr,etc/acpi/PWRF,etc/jvirt,"lib/modules/$kver"}
    ln -s bin "$root/sbin"
    ln -s ../bin "$root/usr/bin"
    ln -s ../bin "$root/usr/sbin"
    cp "$bb" "$root/bin/busybox"
    for a in $("$bb" --list); do
        [[ $a == busybox ]] || ln -s busybox "$root/bin/$a"
    done
    install -m 0755 "$src/init" "$root/init"
    install -m 0755 "$src/power-button" "$root/etc/acpi/PWRF/00000080"
    printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"
    printf 'root:x:0:\n' >"$root/etc/group"
    : >"$root/etc/jvirt/modules"
    local entry class
    for entry in "${order[@]}"; do
        class=${entry% *} m=${entry#* }
        p=${path_of[$m]}
        rel=${p%.ko*}.ko
        mkdir -p "$root/lib/modules/$kver/${rel%/*}"
        case $p in
        *.ko) cp "$mods/$p" "$root/lib/modules/$kver/$rel" ;;
        *.ko.xz) "$bb" xz -dc "$mods/$p" >"$root/lib/modules/$kver/$rel" ;;
        *.ko.gz) gzip -dc "$mods/$p" >"$root/lib/modules/$kver/$rel" ;;
        *.ko.zst) command -v zstd >/dev/null || die "$p is zstd-compressed: install zstd"
            zstd -qdc "$mods/$p" >"$root/lib/modules/$kver/$rel" ;;
        *) die "unexpected module file $p" ;;
        esac
        printf '%s %s %s\n' "$class" "$m" "$rel" >>"$root/etc/jvirt/modules"
        case $class in ondemand:*) notes+=("$m(${class#ondemand:})") ;; *) notes+=("$m") ;; esac
    done
    # Fixed times and owners: the same inputs give the same initrd.img.
    find "$root" -exec touch -h -d @0 {} +
    (cd "$root" && find . -mindepth 1 -print0 | LC_ALL=C sort -z |
        cpio --null --create --format=newc --owner=0:0 --reproducible --quiet) |
        gzip -9 -n >"$tmp/initrd.img" || die "cannot pack the initramfs"
    cp "$tmp/k/boot/vmlinuz-$kver" "$tmp/vmlinuz"
    {
        printf 'kernel=%s\n' "${kdeb##*/}"
        printf 'busybox=%s\n' "${bdeb##*/}"
        printf 'modules=%s\n' "${notes[*]}"
        printf 'recipe=%s\n' "$recipe"
    } >"$tmp/stamp"

    mv -f "$tmp/vmlinuz" "$tmp/initrd.img" "$dir/"
    mv -f "$tmp/stamp" "$dir/stamp" # last: marks the build complete
    rm -rf "$tmp"
    trap - EXIT
    say "built $dir ($(du -h "$dir/initrd.img" | cut -f1) initrd; modules: ${notes[*]})"
}

if built_ok "$dir"; then
    :
else
    rm -f "$dir/stamp"
    build
fi

# --- publish -----------------------------------------------------------------
publish() { # $1 = file in $dir; temp file + rename, so readers never see half
    local tmpf
    tmpf=$(mktemp "$out/.$1.XXXXXX") || die "cannot write in $out"
    if ! { cp "$dir/$1" "$tmpf" && chmod 0644 "$tmpf" && mv -f "$tmpf" "$out/$1"; }; then
        rm -f "$tmpf"
        die "cannot publish $out/$1"
    fi
}
if cmp -s "$dir/vmlinuz" "$out/vmlinuz" && cmp -s "$dir/initrd.img" "$out/initrd.img" &&
    cmp -s "$dir/stamp" "$out/guest.info"; then
    say "up to date ($kver)"
else
    [[ -d $out && -w $out ]] ||
        die "cannot write $out; fix its permissions or set JVIRT_GUEST_DIR to another directory"
    publish vmlinuz
    publish initrd.img
    cp "$dir/stamp" "$dir/guest.info" && publish guest.info && rm -f "$dir/guest.info"
    say "published $kver to $out"
fi
printf '%s\n' "$out/vmlinuz" "$out/initrd.img"
