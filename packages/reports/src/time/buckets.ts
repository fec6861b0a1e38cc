// Projections keep their figures in 15-minute buckets of UTC time. Every time zone's offset is a
// whole number of quarter hours, so a local 15-, 30- or 60-minute interval in any zone is a union
// of whole buckets: one projection serves reports in the site's zone, the client's, or UTC.

export const BUCKET_MS = 15 * 60_000;

/** The start of the bucket holding `atMs`. */
export const bucketOf = (atMs: number): number => Math.floor(atMs / BUCKET_MS) * BUCKET_MS;

/**
 * Splits [startMs, endMs) at bucket boundaries: `add(bucketStart, ms)` for each piece, in order.
 * A time span (an agent's time in a state) is counted in the buckets it covers.
 */
export function splitSpan(
  startMs: number,
  endMs: number,
  add: (bucketStart: number, ms: number) => void,
): void {
  let at = startMs;
  while (at < endMs) {
    const bucket = bucketOf(at);
    const end = Math.min(endMs, bucket + BUCKET_MS);
    add(bucket, end - at);
    at = end;
  }
}
