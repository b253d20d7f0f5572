#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages ClaimDesk needs to build, test and run, if any are missing.
# Uses sudo when not root. Safe to run repeatedly: it does nothing when everything is present.
set -euo pipefail

PACKAGES=(
    build-essential cmake ninja-build pkg-config ccache git
    qt6-base-dev qt6-base-dev-tools libxkbcommon-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libgl-dev
    libsqlcipher-dev libssl-dev libsodium-dev sqlcipher
    xvfb xauth fonts-dejavu-core imagemagick poppler-utils
)

missing=()
for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "ClaimDesk: installing missing system packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "ClaimDesk: these packages are missing and neither root nor sudo is available: ${missing[*]}" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
