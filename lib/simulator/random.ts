// Seeded randomness, so a simulator started with the same seed behaves the same way.

export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hashSeed(...parts: Array<string | number>): number {
  let hash = 2166136261;
  for (const char of parts.join("|")) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 16777619);
  }
  return hash >>> 0;
}

// p99 of a lognormal is median * exp(2.326 * sigma).
const Z99 = 2.3263;

/** A latency in ms from a lognormal distribution given by its median and 99th percentile. */
export function lognormalMs(random: Random, medianMs: number, p99Ms: number): number {
  const sigma = Math.log(Math.max(p99Ms, medianMs) / medianMs) / Z99;
  const u1 = Math.max(random(), Number.EPSILON);
  const u2 = random();
  const normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  return medianMs * Math.exp(sigma * normal);
}
