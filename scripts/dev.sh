#!/usr/bin/env bash
# ClaimDesk developer entry point: installs missing system packages, configures, builds, then runs.
#   scripts/dev.sh run     build and start the GUI
#   scripts/dev.sh test    build and run every test (Qt Test through ctest, offscreen)
#   scripts/dev.sh build   build only
# Environment: BUILD_DIR (default build), BUILD_TYPE (default RelWithDebInfo), CMAKE_FLAGS (extra -D…), JOBS.
set -euo pipefail
cd "$(dirname "$0")/.."

command=${1:-}
case "$command" in
    run|test|build) ;;
    *) echo "usage: scripts/dev.sh run|test|build" >&2; exit 2 ;;
esac

BUILD_DIR=${BUILD_DIR:-build}
BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo}
JOBS=${JOBS:-$(nproc)}

scripts/install-deps.sh

launcher=()
if command -v ccache >/dev/null 2>&1; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
# shellcheck disable=SC2086
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" "${launcher[@]}" ${CMAKE_FLAGS:-} >/dev/null
cmake --build "$BUILD_DIR" -j "$JOBS"

case "$command" in
    build) ;;
    test)
        cd "$BUILD_DIR"
        ctest --output-on-failure -j "$JOBS"
        ;;
    run)
        gui="$BUILD_DIR/app/gui/claimdesk"
        if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
            cat >&2 <<MSG
ClaimDesk is built, but there is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so the
window cannot be shown. Either run this command from a desktop session, or run the app on a virtual
display:   xvfb-run -a $gui
MSG
            exit 1
        fi
        exec "$gui"
        ;;
esac
