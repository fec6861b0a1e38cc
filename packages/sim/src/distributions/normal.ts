import type { Random } from '../random/random.ts';

/**
 * Standard normal draws by Box–Muller; each pair of uniforms gives two normals, the second kept
 * for the next call.
 */
export function makeStandardNormal(random: Random): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    // 1 − u lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}
