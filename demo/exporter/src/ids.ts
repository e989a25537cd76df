/** Deterministic identifiers (pod suffixes, UIDs, container ids) derived from names, so every run agrees. */
import { createHash } from 'node:crypto';

export function hexId(key: string, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) {
    out += createHash('sha256').update(`${key}#${i}`).digest('hex');
  }
  return out.slice(0, length);
}

/** A Kubernetes-style UID (8-4-4-4-12 hex). */
export function uid(key: string): string {
  const h = hexId(`uid/${key}`, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const POD_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** The random part of generated pod names (Kubernetes uses this consonant/digit alphabet). */
export function podSuffix(key: string, length = 5): string {
  const h = hexId(`suffix/${key}`, length * 2);
  let out = '';
  for (let i = 0; i < length; i++) {
    out += POD_ALPHABET[parseInt(h.slice(i * 2, i * 2 + 2), 16) % POD_ALPHABET.length];
  }
  return out;
}

/** A small stable integer from a name (PIDs, phases). */
const seeds = new Map<string, number>();
export function seedOf(key: string): number {
  let seed = seeds.get(key);
  if (seed === undefined) {
    seed = parseInt(hexId(`seed/${key}`, 8), 16);
    seeds.set(key, seed);
  }
  return seed;
}
