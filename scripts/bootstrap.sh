#!/usr/bin/env bash
# Set up .venv for rnnviz: the CPU build of torch, then the package (editable) with its test extras.
# Idempotent and fast once done: a stamp keyed on pyproject.toml skips the installs until it changes.
#   scripts/bootstrap.sh             for `make app`
#   scripts/bootstrap.sh --browser   for `make test`: also make sure Debian's chromium is installed
set -euo pipefail
cd "$(dirname "$0")/.."

TORCH=2.13.0  # the CPU wheel (pip's find-links); a bare `torch` would pull the multi-GB CUDA build
browser=0
for arg in "$@"; do
    case "$arg" in
        --browser) browser=1 ;;
        *) echo "usage: scripts/bootstrap.sh [--browser]" >&2; exit 2 ;;
    esac
done

if [ ! -x .venv/bin/pip ]; then
    python3 -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
        || { echo "bootstrap: rnnviz needs Python 3.10 or newer as python3" >&2; exit 1; }
    echo "bootstrap: creating .venv"
    python3 -m venv .venv
fi

stamp=.venv/.rnnviz-bootstrap
want="torch==$TORCH $(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    pip=(.venv/bin/python -m pip --quiet --disable-pip-version-check)
    have=$(.venv/bin/python -c 'from importlib.metadata import version; print(version("torch"))' 2>/dev/null || true)
    if [ "${have%%+*}" != "$TORCH" ]; then
        echo "bootstrap: installing torch==$TORCH"
        "${pip[@]}" install "torch==$TORCH"
    fi
    echo "bootstrap: installing rnnviz and its test tools into .venv"
    "${pip[@]}" install -e '.[test]'
    echo "$want" > "$stamp"
fi

# The browser tests open the pages in Chinese too: without a CJK font chromium draws every character as a
# box.  WenQuanYi Micro Hei is small (5 MB); a student's own browser brings its own CJK fonts.
if [ "$browser" = 1 ] && { ! command -v chromium >/dev/null || ! fc-list :lang=zh | grep -q .; }; then
    if [ "$(id -u)" != 0 ]; then
        echo "bootstrap: the browser tests need Debian's chromium and a CJK font; run:" \
             "sudo apt-get update && sudo apt-get install -y chromium fonts-wqy-microhei" >&2
        exit 1
    fi
    echo "bootstrap: installing chromium and a CJK font (apt)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
fi
