#!/usr/bin/env bash
# Installs what convene needs to build and run on Debian/Ubuntu: pkg-config, libical-dev, tzdata,
# libcurl4-openssl-dev (for the release build's --static-swift-stdlib).
# Uses apt-get only for what is missing; sudo only when not root.
set -euo pipefail

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
pkg-config --exists libical 2>/dev/null || missing+=(libical-dev)
[ -e /usr/share/zoneinfo/Europe/Berlin ] || missing+=(tzdata)
# The release build links the Swift runtime and Foundation statically (--static-swift-stdlib, a shorter process
# start); the static FoundationNetworking then links libcurl by name (-lcurl), which needs the development link.
pkg-config --exists libcurl 2>/dev/null || missing+=(libcurl4-openssl-dev)
for extra in "$@"; do
  case "$extra" in
    python3-venv) python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || missing+=(python3-venv) ;;
    *) dpkg -s "$extra" >/dev/null 2>&1 || missing+=("$extra") ;;
  esac
done

if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "bootstrap: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  echo "bootstrap: installing ${missing[*]}" >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
pkg-config --exists libical || { echo "bootstrap: libical still not found by pkg-config" >&2; exit 1; }
