import fs from 'node:fs';

/**
 * Minimal ELF64 little-endian reader: e_machine, the DT_NEEDED entries and the DT_RUNPATH (or
 * DT_RPATH) search path (file offsets are found through the PT_LOAD segments). Enough to check
 * the glibc set without binutils.
 */
export function readElf(file) {
  const fd = fs.openSync(file, 'r');
  try {
    const read = (offset, length) => {
      const buf = Buffer.alloc(length);
      fs.readSync(fd, buf, 0, length, offset);
      return buf;
    };
    const eh = read(0, 64);
    if (eh.readUInt32BE(0) !== 0x7f454c46 || eh[4] !== 2 || eh[5] !== 1) {
      throw new Error(`${file} is not a little-endian ELF64 file`);
    }
    const machine = eh.readUInt16LE(18);
    const phoff = Number(eh.readBigUInt64LE(32));
    const phentsize = eh.readUInt16LE(54);
    const phnum = eh.readUInt16LE(56);
    const ph = read(phoff, phentsize * phnum);
    const loads = [];
    let dynamic;
    for (let i = 0; i < phnum; i++) {
      const o = i * phentsize;
      const seg = {
        type: ph.readUInt32LE(o),
        offset: Number(ph.readBigUInt64LE(o + 8)),
        vaddr: Number(ph.readBigUInt64LE(o + 16)),
        filesz: Number(ph.readBigUInt64LE(o + 32)),
      };
      if (seg.type === 1) {
        loads.push(seg);
      } else if (seg.type === 2) {
        dynamic = seg;
      }
    }
    const needed = [];
    let runpath = [];
    if (dynamic) {
      const dyn = read(dynamic.offset, dynamic.filesz);
      const neededOffsets = [];
      let runpathOffset;
      let strtab;
      for (let o = 0; o + 16 <= dyn.length; o += 16) {
        const tag = Number(dyn.readBigInt64LE(o));
        const val = Number(dyn.readBigUInt64LE(o + 8));
        if (tag === 0) {
          break;
        } else if (tag === 1) {
          neededOffsets.push(val);
        } else if (tag === 5) {
          strtab = val;
        } else if (tag === 29 || (tag === 15 && runpathOffset === undefined)) {
          // DT_RUNPATH wins over DT_RPATH when both are present, as in the dynamic loader.
          runpathOffset = val;
        }
      }
      const seg = loads.find((s) => strtab >= s.vaddr && strtab < s.vaddr + s.filesz);
      if ((neededOffsets.length > 0 || runpathOffset !== undefined) && !seg) {
        throw new Error(`${file}: DT_STRTAB outside the loaded segments`);
      }
      const string = (n) => {
        const str = read(strtab - seg.vaddr + seg.offset + n, 4096);
        return str.subarray(0, str.indexOf(0)).toString('latin1');
      };
      needed.push(...neededOffsets.map(string));
      if (runpathOffset !== undefined) {
        runpath = string(runpathOffset).split(':').filter(Boolean);
      }
    }
    return { machine, needed, runpath };
  } finally {
    fs.closeSync(fd);
  }
}
