/**
 * A small seeded pseudo-random generator for the synthetic monorepo. Math.random cannot be
 * seeded, and the benchmark needs the same tree for the same seed on every machine so that
 * numbers from different runs describe the same work.
 */

/** FNV-1a: turns any seed text into 32 bits, so seeds can be words ("kube-compat-gate"). */
export function hash32(text) {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/**
 * A Weyl sequence (add a large odd constant) scrambled by a 32-bit avalanche mix. Each
 * file gets its own stream from (seed, category, index), so adding files to one category
 * never changes the content of files in another.
 */
export function createRandom(...seedParts) {
  let state = hash32(seedParts.join('\u0000'))
  function next() {
    state = (state + 0x9e3779b9) | 0
    let z = state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    z ^= z >>> 16
    return (z >>> 0) / 0x100000000
  }
  return {
    /** Uniform in [0, 1). */
    next,
    /** Integer in [min, max], both included. */
    int(min, max) {
      return min + Math.floor(next() * (max - min + 1))
    },
    chance(probability) {
      return next() < probability
    },
    pick(items) {
      return items[Math.floor(next() * items.length)]
    },
    /** `choices` is a list of [weight, value]. */
    weighted(choices) {
      const total = choices.reduce((sum, [weight]) => sum + weight, 0)
      let roll = next() * total
      for (const [weight, value] of choices) {
        roll -= weight
        if (roll < 0) return value
      }
      return choices[choices.length - 1][1]
    },
    /**
     * File sizes in real repositories are roughly log-normal: most files are small, a few
     * are large. The shape comes from a table of quantiles (σ ≈ 0.9) rather than Math.exp
     * and Math.log, so that the tree stays byte-identical even if a JavaScript engine's
     * transcendental functions differ in the last bit.
     */
    skewedSize(median, min, max) {
      const position = next() * (SIZE_QUANTILES.length - 1)
      const low = Math.floor(position)
      const factor = SIZE_QUANTILES[low] + (SIZE_QUANTILES[low + 1] - SIZE_QUANTILES[low]) * (position - low)
      return Math.round(Math.min(max, Math.max(min, median * factor)))
    }
  }
}

/** exp(0.9·z) at the normal quantiles z for p = 0.01, 0.05, 0.10, ..., 0.95, 0.99. */
const SIZE_QUANTILES = [
  0.123, 0.228, 0.316, 0.393, 0.469, 0.545, 0.624, 0.707, 0.796, 0.893, 1.0, 1.12, 1.256, 1.415, 1.603, 1.835, 2.133,
  2.542, 3.169, 4.395, 8.115
]
