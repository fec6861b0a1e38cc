// For the WFM command tests: files written to a temporary folder removed after the file's tests.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

/** The bank history of data/ at the project root. */
export const BANK_FILE = fileURLToPath(
  new URL('../../../../data/anonymous-bank-1999-02-days01-21.tsv', import.meta.url),
);

/** A writer of test files in a fresh temporary folder. */
export function tempFolder(prefix: string): {
  write: (name: string, text: string) => string;
  folder: string;
} {
  const folder = mkdtempSync(path.join(tmpdir(), prefix));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  return {
    folder,
    write: (name, text) => {
      const file = path.join(folder, name);
      writeFileSync(file, text);
      return file;
    },
  };
}

/**
 * A CSV history: `days` days from 2024-03-04 (a Monday), `perHour` answered calls each hour
 * from 08:00 to 12:00 in queues fr and en, handle 200 s; `extra` lines appended as written.
 */
export function makeCsvHistory(days: number, perHour = 6, extra: string[] = []): string {
  const lines = ['started,skill,waited,talk,result'];
  for (let d = 0; d < days; d++) {
    const date = `2024-03-${String(4 + d).padStart(2, '0')}`;
    for (let hour = 8; hour < 12; hour++) {
      for (let k = 0; k < perHour; k++) {
        const minute = String(Math.floor((k * 60) / perHour)).padStart(2, '0');
        const at = `${date} ${String(hour).padStart(2, '0')}:${minute}:00`;
        lines.push(
          `${at},fr,5,200,answered`,
          `${at},en,30,200,${k === 0 ? 'abandoned' : 'answered'}`,
        );
      }
    }
  }
  return [...lines, ...extra].join('\n');
}
