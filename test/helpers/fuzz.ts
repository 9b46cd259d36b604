/**
 * fast-check parameters for the fuzz and property tests. `npm test` uses a fixed seed, so CI is
 * repeatable; `npm run fuzz` sets FUZZ_RUNS (and FUZZ_SEED=random for a new seed each run).
 * A failure prints its seed and path, which replay it with FUZZ_SEED.
 */
export function fuzzParameters(runs: number): { seed: number; numRuns: number } {
  const seedText = process.env.FUZZ_SEED
  const seed = seedText === 'random' ? Date.now() ^ (Math.random() * 0x7fffffff) : Number(seedText ?? 20261122)
  const scale = Number(process.env.FUZZ_RUNS ?? 0)
  return { seed, numRuns: scale > 0 ? Math.max(runs, scale) : runs }
}
