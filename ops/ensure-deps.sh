#!/usr/bin/env bash
# Makes sure the system libraries vaxlink links against are installed.
# As root it installs what is missing; otherwise it prints the exact command and fails.
# Optional test tools (zbar-tools: zbarimg reads back the QR images; python3-cbor2 and
# python3-cryptography: the independent HC1 decoder of VaxTestSupport; softhsm2, opensc
# (pkcs11-tool) and libengine-pkcs11-openssl: passport keys in a PKCS#11 module; slurm-wlm
# and munge: the single-node cluster of ops/slurm/selftest.sh; chromium and chromium-driver:
# the review page is tested in headless Chromium over WebDriver; golang-go and
# golang-golang-x-mod-dev: Go's own sumdb/note and sumdb/tlog check the ledger's checkpoints
# and tiles, built in GOPATH mode without network) are installed as root and
# otherwise left out: the tests that need them skip, saying why.
set -euo pipefail
packages=(liblz4-dev libsqlite3-dev libssl-dev zlib1g-dev pkg-config)
optional=(zbar-tools python3-cbor2 python3-cryptography softhsm2 opensc libengine-pkcs11-openssl slurm-wlm munge
          chromium chromium-driver golang-go golang-golang-x-mod-dev)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "$(id -u)" = 0 ]; then
    for p in "${optional[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v swift >/dev/null 2>&1; then
    echo "ensure-deps: the Swift toolchain (6.0 or later) is not on PATH" >&2
    exit 1
fi
if [ "$(id -u)" = 0 ]; then
    echo "ensure-deps: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    # A new machine's package lists may be stale: update first or the package may not be found.
    apt-get update -qq >&2
    apt-get install -y -qq "${missing[@]}" >&2
else
    echo "ensure-deps: missing system packages; run as root:" >&2
    echo "    apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
fi
