import { describe, expect, it } from 'vitest';
import { ValuesFileError, parseValues } from './values-file.ts';

describe('parseValues', () => {
  it('reads numbers one per line or comma-separated, with blank lines and comments', () => {
    expect(parseValues('# handle times\n120\r\n180, 240,\n\n 0.5 ,1e2\n', 'h.txt')).toEqual([
      120, 180, 240, 0.5, 100,
    ]);
  });

  it('names every bad value by line, and an empty file', () => {
    expect(() => parseValues('1\nx, 2\n-3\nInfinity', 'h.txt')).toThrow(
      new ValuesFileError(
        [
          'h.txt:2: expected a number ≥ 0 (seconds), found "x"',
          'h.txt:3: expected a number ≥ 0 (seconds), found "-3"',
          'h.txt:4: expected a number ≥ 0 (seconds), found "Infinity"',
        ].join('\n'),
      ),
    );
    expect(() => parseValues('# nothing\n\n', 'h.txt')).toThrow(
      'h.txt: expected at least one number ≥ 0 (one per line or comma-separated), found none',
    );
  });
});
