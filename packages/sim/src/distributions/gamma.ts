import type { Random } from '../random/random.ts';
import { makeStandardNormal } from './normal.ts';

/**
 * Gamma(shape, scale) draws by Marsaglia and Tsang, "A simple method for generating gamma
 * variables" (ACM TOMS 26(3), 2000). Shapes below 1 use their boost: Gamma(k) = Gamma(k + 1)·U^(1/k).
 */
export function makeGamma(shape: number, scale: number, random: Random): () => number {
  const normal = makeStandardNormal(random);
  const boosted = shape < 1;
  const d = (boosted ? shape + 1 : shape) - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  const standard = (): number => {
    for (;;) {
      const x = normal();
      const cube = 1 + c * x;
      if (cube <= 0) continue;
      const v = cube * cube * cube;
      const u = 1 - random(); // in (0, 1], so log(u) is finite
      const x2 = x * x;
      // The squeeze accepts most draws without a logarithm.
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
    }
  };
  if (!boosted) return () => scale * standard();
  const inverseShape = 1 / shape;
  return () => scale * standard() * Math.pow(1 - random(), inverseShape);
}
