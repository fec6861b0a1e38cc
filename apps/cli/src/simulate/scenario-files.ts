/**
 * The files a scenario names, read from disk: the scenario itself, its history files and the
 * files of its empirical distributions, all relative to the scenario's folder.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  formatPath,
  parseScenario,
  resolveHistoryArrivals,
  type DistributionSpec,
  type IssuePath,
  type Scenario,
} from '@relais/sim';
import { parseValues } from './values-file.ts';

/** A file that could not be read or used; the message says which and why. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** Why a file could not be read, in words. */
function reason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/** The text of `file`; an InputError saying what `what` could not be read, and why. */
export function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read the ${what} '${file}': ${reason(error)}`);
  }
}

/** `relative` as a path from the scenario file's folder (absolute paths stay as they are). */
export function besideScenario(scenarioFile: string, relative: string): string {
  return path.resolve(path.dirname(scenarioFile), relative);
}

/**
 * Reads, validates and resolves the scenario `file`: history arrivals become windows. Throws an
 * InputError (unreadable file), a ScenarioError (bad scenario or history options) or a
 * HistoryError (bad lines in a history file).
 */
export function loadScenario(file: string): Scenario {
  const scenario = parseScenario(readText(file, 'scenario file'), file);
  return resolveHistoryArrivals(scenario, file, (history) => {
    try {
      return readFileSync(besideScenario(file, history), 'utf8');
    } catch (error) {
      // resolveHistoryArrivals names the file and the queue
      throw new Error(reason(error), { cause: error });
    }
  });
}

/** Every empirical distribution of the scenario that takes its values from a file. */
function empiricalFiles(scenario: Scenario): { path: IssuePath; file: string }[] {
  const found: { path: IssuePath; file: string }[] = [];
  const visit = (spec: DistributionSpec | undefined, at: IssuePath): void => {
    if (spec?.dist === 'empirical' && 'file' in spec) found.push({ path: at, file: spec.file });
  };
  scenario.queues.forEach((queue, index) => {
    const at = ['queues', index];
    visit(queue.handleSeconds, [...at, 'handleSeconds']);
    visit(queue.patienceSeconds, [...at, 'patienceSeconds']);
    visit(queue.wrapUpSeconds, [...at, 'wrapUpSeconds']);
    visit(queue.retrial?.delaySeconds, [...at, 'retrial', 'delaySeconds']);
  });
  return found;
}

/**
 * Reads every empirical values file of the scenario before the run, so that a missing file or
 * a bad value stops it at once; returns the reader `simulate` asks for values by file name.
 */
export function loadEmpiricalValues(
  scenarioFile: string,
  scenario: Scenario,
): (file: string) => number[] {
  const values = new Map<string, number[]>();
  for (const { path: at, file } of empiricalFiles(scenario)) {
    if (values.has(file)) continue;
    const where = `${scenarioFile}: ${formatPath([...at, 'file'])}`;
    const resolved = besideScenario(scenarioFile, file);
    let text: string;
    try {
      text = readFileSync(resolved, 'utf8');
    } catch (error) {
      throw new InputError(`${where}: cannot read the values file '${file}': ${reason(error)}`);
    }
    values.set(file, parseValues(text, file));
  }
  return (file) => {
    const found = values.get(file);
    if (found === undefined)
      throw new InputError(`no values read for the empirical file '${file}'`);
    return found;
  };
}
