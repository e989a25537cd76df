/** The /bin/sh launcher Grafana execs: dist/datasource/<executable>_linux_<arch>. */
import fs from 'node:fs';
import path from 'node:path';

import { ARCHES } from './arches.mjs';
import { DIST_DS } from './paths.mjs';

/** The launcher for `arch`; `nodeName` is the SEA's file name in runtime/linux_<arch>/. */
function launcherScript(arch, nodeName) {
  const { loader } = ARCHES[arch];
  return `#!/bin/sh
# Grafana starts this file (plugin.json "executable" + _linux_${arch}). It exists because the
# backend is an official (glibc) Node.js single executable, while the official Grafana image is
# Alpine/musl without libstdc++ (and, on arm64, without any glibc). So the executable is started
# through the glibc loader shipped next to it, which looks in the shipped lib/ first.
# POSIX sh only (busybox ash is enough); nothing is written to stdout, which carries the
# go-plugin handshake line.
self=$0
case $self in
  */*) ;;
  *) if [ -e "$self" ]; then self=./$self; else
       self=$(command -v -- "$self") || { echo "[ERROR] gpx launcher: cannot locate $0" >&2; exit 127; }
     fi ;;
esac
# Follow symlinks to the real file (plain readlink, no -f), so the runtime/ next to it is found.
while [ -L "$self" ]; do
  link=$(readlink "$self") || break
  case $link in
    /*) self=$link ;;
    *) self=\${self%/*}/$link ;;
  esac
done
dir=$(CDPATH= cd -P -- "\${self%/*}" && pwd) || { echo "[ERROR] gpx launcher: cannot enter \${self%/*}" >&2; exit 127; }
rt=$dir/runtime/linux_${arch}
exec "$rt/lib/${loader}" --library-path "$rt/lib" "$rt/${nodeName}" "$@"
`;
}

/** Writes the launcher `<exe>_linux_<arch>` into dist/datasource/ (mode 755); returns its path. */
export function writeLauncher(arch, exe, nodeName) {
  const launcher = path.join(DIST_DS, `${exe}_linux_${arch}`);
  fs.writeFileSync(launcher, launcherScript(arch, nodeName));
  fs.chmodSync(launcher, 0o755);
  return launcher;
}
