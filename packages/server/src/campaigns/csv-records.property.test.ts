// LIST1: the chunked reader gives the records a whole-file parser gives (csv-parse, the config
// import's), however the file is cut into chunks: seeded random files with quotes, separators
// and line breaks inside cells, CRLF or LF, empty cells.
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvRecords, CsvSyntaxError } from './csv-records.ts';

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['06 12', 'Léa', 'é', ';', ',', '"', '\n', ' ', 'x', '0', '€'];

function randomFile(random: () => number, delimiter: string, newline: string): string {
  const width = 1 + Math.floor(random() * 4);
  const lines: string[] = [];
  for (let row = 0; row < 1 + Math.floor(random() * 30); row++) {
    const cells: string[] = [];
    for (let column = 0; column < width; column++) {
      let cell = '';
      for (let i = 0; i < Math.floor(random() * 4); i++) {
        cell += PIECES[Math.floor(random() * PIECES.length)];
      }
      const quoted = /[";,\n]/.test(cell) || random() < 0.1;
      cells.push(quoted ? `"${cell.replace(/"/g, '""')}"` : cell);
    }
    lines.push(cells.join(delimiter));
  }
  return lines.join(newline) + (random() < 0.5 ? newline : '');
}

async function readAll(text: string, delimiter: string, cuts: number[]): Promise<string[][]> {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length].sort((a, b) => a - b)) {
    if (cut > start) chunks.push(bytes.subarray(start, cut));
    start = Math.max(start, cut);
  }
  const records: string[][] = [];
  for await (const batch of csvRecords(Readable.from(chunks), delimiter)) records.push(...batch);
  return records;
}

describe('[LIST1] reading a CSV stream in chunks', () => {
  for (const seed of [1, 7, 2026]) {
    it(`[LIST1] gives csv-parse's records whatever the chunks: seed ${seed}`, async () => {
      const random = seeded(seed);
      for (let file = 0; file < 150; file++) {
        const delimiter = random() < 0.5 ? ';' : ',';
        const newline = random() < 0.3 ? '\r\n' : '\n';
        const text = randomFile(random, delimiter, newline);
        const size = Buffer.byteLength(text);
        // Cuts anywhere, inside multi-byte characters and quoted cells too.
        const cuts = Array.from({ length: Math.floor(random() * 6) }, () =>
          Math.floor(random() * size),
        );
        // Empty lines: one empty cell from either parser; the import skips them.
        const filled = (records: string[][]) =>
          records.filter((record) => !(record.length === 1 && record[0] === ''));
        const whole: string[][] = parse(text, { delimiter, relax_column_count: true });
        const expected = filled(whole);
        const records = filled(await readAll(text, delimiter, cuts));
        expect(records, JSON.stringify(text)).toEqual(expected);
      }
    });
  }

  it('[LIST1] refuses an unclosed quote, and drops a byte-order mark', async () => {
    await expect(readAll('tel\n"0612\n', ',', [])).rejects.toBeInstanceOf(CsvSyntaxError);
    expect(await readAll('\uFEFFtel;nom\n0612;A\n', ';', [2])).toEqual([
      ['tel', 'nom'],
      ['0612', 'A'],
    ]);
  });
});
