#!/usr/bin/env bash
# Prints the JAVA_HOME of a JDK >= 25 on stdout, or explains on stderr what to
# install and exits 1. Shared by .ci/run, install-deps.sh and launchers:
#
#   JAVA_HOME=$(scripts/find-jdk.sh) || exit 1
#
# Looks, in order, at: $JAVA_HOME, /usr/lib/jvm/temurin-25-jdk-amd64, then every
# other /usr/lib/jvm/* (highest version first), then the javac on PATH. A
# candidate must hold bin/java and bin/javac and a `release` file whose
# JAVA_VERSION has a major version >= JVIRT_MIN_JDK (default 25).
set -euo pipefail

min=${JVIRT_MIN_JDK:-25}

# Major version of the JDK at $1 from its `release` file; empty if unknown.
jdk_major() {
    local release=$1/release line ver
    [[ -r $release ]] || return 0
    line=$(grep -m1 '^JAVA_VERSION=' "$release" 2>/dev/null) || return 0
    ver=${line#JAVA_VERSION=}
    ver=${ver//\"/}
    # "1.8.0_402" is Java 8; "25", "25.0.3", "25-ea" are 25.
    if [[ $ver == 1.* ]]; then ver=${ver#1.}; fi
    ver=${ver%%[!0-9]*}
    printf '%s' "$ver"
}

usable() {
    local home=$1 major
    [[ -d $home && -x $home/bin/java && -x $home/bin/javac ]] || return 1
    major=$(jdk_major "$home")
    [[ -n $major ]] && ((major >= min))
}

candidates=()
if [[ -n ${JAVA_HOME:-} ]]; then
    if usable "$JAVA_HOME"; then
        printf '%s\n' "$JAVA_HOME"
        exit 0
    fi
    echo "find-jdk: ignoring JAVA_HOME=$JAVA_HOME (not a JDK >= $min)" >&2
fi
candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64)

# Other JDKs under /usr/lib/jvm, highest major version first.
others=()
for d in /usr/lib/jvm/*/; do
    d=${d%/}
    [[ -L $d ]] && continue # Debian's java-1.x symlinks duplicate real dirs
    m=$(jdk_major "$d")
    [[ -n $m ]] && others+=("$m $d")
done
if ((${#others[@]})); then
    while IFS= read -r line; do
        candidates+=("${line#* }")
    done < <(printf '%s\n' "${others[@]}" | sort -rn -k1,1)
fi

if javac=$(command -v javac 2>/dev/null); then
    javac=$(readlink -f "$javac")
    candidates+=("${javac%/bin/javac}")
fi

for c in "${candidates[@]}"; do
    if usable "$c"; then
        printf '%s\n' "$c"
        exit 0
    fi
done

cat >&2 <<EOF
find-jdk: no JDK >= $min found (looked at \$JAVA_HOME, /usr/lib/jvm/*, javac on PATH).
find-jdk: install Eclipse Temurin $min so it lives at /usr/lib/jvm/temurin-$min-jdk-amd64
find-jdk: (package temurin-$min-jdk from Adoptium's apt repository), or point JAVA_HOME at any JDK >= $min.
EOF
exit 1
