const translated = new Map<string, string>();

/**
 * Rewrites the shared SQL's `?` placeholders as `$1, $2, …`. The shared SQL never has a `?`
 * inside a string literal or an operator, so a plain scan is enough. Results are cached.
 */
export function toPostgresPlaceholders(sql: string): string {
  let result = translated.get(sql);
  if (result === undefined) {
    let index = 0;
    result = sql.replace(/\?/g, () => `$${++index}`);
    // Multi-row inserts make many distinct texts; only statements of ordinary size are kept.
    if (sql.length < 2_000) translated.set(sql, result);
  }
  return result;
}
