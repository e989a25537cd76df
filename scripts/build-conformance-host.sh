#!/usr/bin/env bash
# Builds the go-plugin conformance host (tests/conformance/host/*.go, package main) into the directory $1:
#
#   $1/conformance-host   the binary
#   $1/gopath/            a throwaway GOPATH with the Go code generated from src/backend/protocol/proto
#
# Go 1.19 in GOPATH mode, with only Debian packages (no Go module proxy):
#   golang-go, protobuf-compiler, golang-goprotobuf-dev (protoc-gen-go 1.3.x, which still has
#   --go_out=plugins=grpc), golang-github-hashicorp-go-plugin-dev (1.0.1), golang-google-grpc-dev,
#   golang-github-golang-protobuf-1-3-dev, golang-github-hashicorp-go-hclog-dev.
#
# Idempotent: the generated code is rewritten on every run and `go build` reuses its cache.
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 <output-dir>" >&2
  exit 2
fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROTO_DIR="$ROOT/src/backend/protocol/proto"
HOST_DIR="$ROOT/tests/conformance/host"
mkdir -p "$1"
OUT="$(cd "$1" && pwd)"
GOCODE=/usr/share/gocode
IMPORT_ROOT=greenops.local/conformance

missing=()
need_cmd() { command -v "$1" >/dev/null 2>&1 || missing+=("$1 (Debian package: $2)"); }
need_src() { [ -d "$GOCODE/src/$1" ] || missing+=("$GOCODE/src/$1 (Debian package: $2)"); }
need_cmd go golang-go
need_cmd protoc protobuf-compiler
need_cmd protoc-gen-go "golang-goprotobuf-dev (provides protoc-gen-go 1.3.x via protoc-gen-go-1-3)"
need_src github.com/hashicorp/go-plugin golang-github-hashicorp-go-plugin-dev
need_src github.com/hashicorp/go-hclog golang-github-hashicorp-go-hclog-dev
need_src google.golang.org/grpc golang-google-grpc-dev
need_src github.com/golang/protobuf/proto golang-github-golang-protobuf-1-3-dev
need_src golang.org/x/net/context golang-golang-x-net-dev
need_src github.com/hashicorp/yamux golang-github-hashicorp-yamux-dev
need_src github.com/oklog/run golang-github-oklog-run-dev
if [ ${#missing[@]} -gt 0 ]; then
  echo "build-conformance-host: missing prerequisites:" >&2
  for m in "${missing[@]}"; do echo "  - $m" >&2; done
  echo "install them with: apt-get install golang-go protobuf-compiler golang-goprotobuf-dev golang-github-hashicorp-go-plugin-dev golang-google-grpc-dev" >&2
  exit 3
fi
for f in "$HOST_DIR/main.go" "$PROTO_DIR/pluginv2.proto" "$PROTO_DIR/plugin.proto" "$PROTO_DIR/health.proto"; do
  [ -f "$f" ] || { echo "build-conformance-host: missing source file $f" >&2; exit 3; }
done

# go-plugin 1.0.1 is the first Debian release with what this host needs: ClientConfig.VersionedPlugins
# (version negotiation) and the GRPCController/Shutdown call in GRPCClient.Close.
GP="$GOCODE/src/github.com/hashicorp/go-plugin"
if ! grep -q 'VersionedPlugins map\[int\]PluginSet' "$GP/client.go"; then
  echo "build-conformance-host: $GP has no ClientConfig.VersionedPlugins; need golang-github-hashicorp-go-plugin-dev >= 1.0.0" >&2
  exit 3
fi
if ! grep -q 'controller.Shutdown' "$GP/grpc_client.go"; then
  echo "build-conformance-host: warning: this go-plugin's GRPCClient.Close does not call GRPCController/Shutdown (Grafana's does)" >&2
fi

GOPATH_DIR="$OUT/gopath"
PKG_DIR="$GOPATH_DIR/src/$IMPORT_ROOT"
rm -rf "$PKG_DIR"
mkdir -p "$PKG_DIR/pluginv2" "$PKG_DIR/plugin" "$PKG_DIR/healthv1" "$PKG_DIR/host"

# One Go package per .proto (each has go_package "./;<name>"); paths=source_relative puts the file
# straight into the package directory. protoc-gen-go >= 1.4 rejects plugins=grpc: say so clearly.
gen() {
  local proto="$1" pkg="$2" log
  if ! log="$(protoc -I "$PROTO_DIR" --go_out=plugins=grpc,paths=source_relative:"$PKG_DIR/$pkg" "$PROTO_DIR/$proto" 2>&1)"; then
    echo "build-conformance-host: protoc failed for $proto:" >&2
    echo "$log" >&2
    if echo "$log" | grep -qi 'plugins are not supported'; then
      echo "build-conformance-host: this protoc-gen-go is >= 1.4; install golang-goprotobuf-dev / protoc-gen-go-1-3 (1.3.x)" >&2
    fi
    exit 4
  fi
}
gen pluginv2.proto pluginv2
gen plugin.proto plugin
gen health.proto healthv1
cp "$HOST_DIR"/*.go "$PKG_DIR/host/"

export GO111MODULE=off
export GOPATH="$GOPATH_DIR:$GOCODE"
export GOFLAGS=
export CGO_ENABLED=0
if [ -z "${GOCACHE:-}" ] && [ -z "${HOME:-}" ] && [ -z "${XDG_CACHE_HOME:-}" ]; then
  export GOCACHE="$OUT/gocache"
fi
# All three generated packages must compile; the host links only pluginv2 (see pluginclient.go).
go build "$IMPORT_ROOT/pluginv2" "$IMPORT_ROOT/plugin" "$IMPORT_ROOT/healthv1"
go build -o "$OUT/conformance-host.tmp" "$IMPORT_ROOT/host"
mv -f "$OUT/conformance-host.tmp" "$OUT/conformance-host"
echo "$OUT/conformance-host"
