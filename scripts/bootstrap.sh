#!/usr/bin/env bash
# Installs what convene needs to build and run on Debian/Ubuntu: pkg-config, libical-dev, tzdata, and for
# live calendars (feeds, CalDAV) libcurl4 and ca-certificates.
# Uses apt-get only for what is missing; sudo only when not root.
set -euo pipefail

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
pkg-config --exists libical 2>/dev/null || missing+=(libical-dev)
[ -e /usr/share/zoneinfo/Europe/Berlin ] || missing+=(tzdata)
# convene links no libcurl: it loads libcurl.so.4 at run time (dlopen) when a command fetches, so the runtime
# package is what must be there (no -dev package; the release build's --static-swift-stdlib links no
# FoundationNetworking). https needs the CA certificates libcurl verifies servers against.
{ /sbin/ldconfig -p 2>/dev/null || ldconfig -p 2>/dev/null; } | grep -q 'libcurl\.so\.4 ' || missing+=(libcurl4)
[ -e /etc/ssl/certs/ca-certificates.crt ] || missing+=(ca-certificates)
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
