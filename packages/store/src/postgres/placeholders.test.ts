import { describe, expect, it } from 'vitest';
import { toPostgresPlaceholders } from './placeholders.ts';

describe('toPostgresPlaceholders', () => {
  it('numbers the placeholders in order', () => {
    expect(toPostgresPlaceholders('SELECT a FROM t WHERE x = ? AND y IN (?, ?) LIMIT ?')).toBe(
      'SELECT a FROM t WHERE x = $1 AND y IN ($2, $3) LIMIT $4',
    );
  });

  it('gives the same text for the same statement twice (cached)', () => {
    const sql = 'UPDATE t SET a = ? WHERE id = ?';
    expect(toPostgresPlaceholders(sql)).toBe(toPostgresPlaceholders(sql));
    expect(toPostgresPlaceholders('SELECT 1')).toBe('SELECT 1');
  });
});
