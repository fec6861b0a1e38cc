/** Uniform random numbers in [0, 1), injected so that runs replay from their seed. */
export type Random = () => number;
