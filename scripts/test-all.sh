#!/usr/bin/env bash
# The test command in README.md. Does its own set-up on a fresh Debian machine with Node 20 (as root):
# Debian packages for the real peers, npm ci, typecheck, lint, build, then every jest project.
set -euo pipefail
cd "$(dirname "$0")/.."

# Real peers the tests start: go-plugin's own client (Go host), a busybox-only chroot, qemu for
# arm64, docker-compose to validate the compose file, Prometheus (and promtool) for exporter data,
# zip/unzip for the distribution zips and openssl for the signing stand-in's certificate; Chromium
# and Grafana's font (Inter) for the browser gallery (tests/gallery).
DEBIAN_PACKAGES=(golang-go golang-github-hashicorp-go-plugin-dev golang-google-grpc-dev golang-goprotobuf-dev
  protobuf-compiler busybox-static qemu-user-static docker-compose prometheus zip unzip openssl chromium fonts-inter)

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
# The arm64 backend is packaged with arm64 glibc pieces fetched by apt-get download.
need_arm64_lists=false
dpkg --print-foreign-architectures | grep -qx arm64 || need_arm64_lists=true
if [ ${#missing[@]} -gt 0 ] || $need_arm64_lists; then
  if [ "$(id -u)" != 0 ]; then
    echo "Missing Debian packages (${missing[*]:-none}) or the arm64 apt architecture; run this as root once." >&2
    exit 1
  fi
  $need_arm64_lists && dpkg --add-architecture arm64
  echo "== apt-get install ${missing[*]:-(arm64 package lists only)}"
  apt-get update -qq
  [ ${#missing[@]} -gt 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "== npm ci"
npm ci --no-audit --no-fund --loglevel=error

echo "== typecheck"
npm run --silent typecheck
echo "== lint"
npm run --silent lint

echo "== build (frontend, backend executables for linux amd64 and arm64)"
npm run --silent build

echo "== tests"
mkdir -p .tmp
status=0
npx jest --ci --maxWorkers=2 --json --outputFile=.tmp/jest-results.json || status=$?
node -e '
  const r = require("./.tmp/jest-results.json");
  console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
'
exit $status
