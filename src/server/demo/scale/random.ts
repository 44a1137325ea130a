// Seeded randomness for the synthetic province: one generator per purpose, so the same seed gives the
// same people, ID numbers and projects; ids are UUIDv7 made from the load's start and a counter.
import { creditCodeCheckChar, idNumberCheckChar } from "../../../shared/identifiers.js";

export interface Rand {
  next(): number;
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(xs: readonly T[]): T;
  /** 32 random bits as 8 hex digits */
  hex8(): string;
}

/** mulberry32, as the demo's people use: small, fast and seeded. */
export function seeded(seed: number): Rand {
  let a = seed >>> 0;
  const u32 = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = () => u32() / 4294967296;
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    hex8: () => u32().toString(16).padStart(8, "0"),
  };
}

/** Time-ordered ids (UUIDv7 layout) without a system call per row: primary keys grow at the end. */
export function idMaker(rand: Rand, startMs: number): () => string {
  let n = 0;
  return () => {
    n++;
    const ms = (startMs + Math.floor(n / 4096)).toString(16).padStart(12, "0");
    const a = (n % 4096).toString(16).padStart(3, "0");
    const r = rand.hex8() + rand.hex8();
    const variant = (8 | (parseInt(r[0], 16) & 3)).toString(16);
    return `${ms.slice(0, 8)}-${ms.slice(8)}-7${a}-${variant}${r.slice(1, 4)}-${r.slice(4, 16)}`;
  };
}

/** A checksum-valid unified social credit code (GB 32100) of a region, kind 1 (机关), 5 (社会团体) or 9 (企业). */
export function creditCodeOf(region: string, kind: "1" | "5" | "9", serial: number): string {
  const body = `${kind}${kind === "9" ? "1" : "2"}${region}${String(serial).padStart(9, "0")}`;
  return body + creditCodeCheckChar(body);
}

const DAYS_SPAN = 12_000; // birth dates over ~33 years from 1966-01-01
const BIRTH_FROM = Date.UTC(1966, 0, 1);

/**
 * The i-th person's GB 11643 number: region, birth date and sequence are a bijection of i (so no two
 * people share a number, without remembering them all), shuffled by the seed; the check digit is computed.
 */
export function idNumberOf(i: number, regions: readonly string[], seed: number): string {
  const region = regions[i % regions.length];
  const k = Math.floor(i / regions.length);
  const day = (k * 7919 + (seed % DAYS_SPAN)) % DAYS_SPAN; // 7919 is prime to 12,000: a permutation
  const block = Math.floor(k / DAYS_SPAN);
  const seq = (block * 137 + (seed % 1000)) % 1000; // 137 is prime to 1,000
  const birth = new Date(BIRTH_FROM + day * 86_400_000).toISOString().slice(0, 10).replaceAll("-", "");
  const first17 = `${region}${birth}${String(seq).padStart(3, "0")}`;
  return first17 + idNumberCheckChar(first17);
}
