import { describe, expect, it } from 'vitest';
import { TWO_LANGUAGES_YAML, twoLanguages } from '../testing/two-languages.ts';
import { parseScenario } from './parse-scenario.ts';
import { ScenarioError, formatScenarioError } from './scenario-error.ts';

/** The lines of the error that parsing `text` as `file` throws. */
function errorLines(text: string, file = 'bad.yaml'): string[] {
  try {
    parseScenario(text, file);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return formatScenarioError(error).split('\n');
  }
  throw new Error('expected a ScenarioError');
}

describe('parseScenario', () => {
  it('reads the example of issue 3', () => {
    const scenario = parseScenario(TWO_LANGUAGES_YAML, 'two-languages.yaml');
    expect(scenario).toEqual({
      name: 'two-languages',
      seed: 7,
      replications: 100,
      days: 1,
      day: { start: '08:00', end: '17:00' },
      lines: 40,
      routing: { strategy: 'longest-idle' },
      queues: [
        {
          id: 'en',
          skills: { en: 1 },
          priority: 0,
          arrivals: [
            { from: '08:00', to: '09:00', perHour: 100 },
            { from: '09:00', to: '17:00', perHour: 50 },
          ],
          handleSeconds: { dist: 'uniform', min: 180, max: 420 },
          patienceSeconds: { dist: 'exponential', mean: 120 },
          wrapUpSeconds: { dist: 'fixed', value: 0 },
          retrial: { probability: 0.75, delaySeconds: { dist: 'exponential', mean: 1200 } },
          serviceLevel: { thresholdSeconds: 20, target: 0.8, formula: 'offered' },
        },
      ],
      agents: [
        { name: 'en', count: 7, site: 'rabat', skills: { en: 5 } },
        {
          name: 'bilingual',
          count: 4,
          skills: { en: 5, es: 5 },
          shifts: [{ start: '08:00', end: '12:00' }],
        },
      ],
      sites: [{ id: 'rabat', city: 'Rabat', timeZone: 'Africa/Casablanca', positions: 120 }],
    });
  });

  it('reads the same scenario written as JSON', () => {
    const document = twoLanguages();
    const fromJson = parseScenario(JSON.stringify(document, null, '\t'), 'two-languages.json');
    expect(fromJson).toEqual(parseScenario(JSON.stringify(document), 'x.json'));
    expect(fromJson.queues.map((queue) => queue.id)).toEqual(['en', 'es']);
  });

  it('fills the defaults: days, priority, service level, formula, sites', () => {
    const scenario = parseScenario(
      JSON.stringify(
        twoLanguages((document) => {
          delete document.days;
          delete document.sites;
          delete document.agents[0]?.site;
          delete document.queues[0]?.priority;
          delete document.queues[0]?.serviceLevel;
        }),
      ),
      'defaults.json',
    );
    expect(scenario.days).toBe(1);
    expect(scenario.sites).toEqual([]);
    expect(scenario.queues[0]?.priority).toBe(0);
    expect(scenario.queues[0]?.serviceLevel).toEqual({
      thresholdSeconds: 20,
      target: 0.8,
      formula: 'offered',
    });
    expect(scenario.queues[1]?.serviceLevel.formula).toBe('offered');
    expect('lines' in scenario).toBe(true);
    expect('patienceSeconds' in (scenario.queues[1] ?? {})).toBe(false);
  });

  it('accepts arrivals from a history file without reading it', () => {
    const scenario = parseScenario(
      JSON.stringify(
        twoLanguages((document) => {
          const es = document.queues[1];
          if (es) es.arrivals = { history: 'data/bank.tsv', queue: 'es', scale: 1.2 };
        }),
      ),
      'history.json',
    );
    expect(scenario.queues[1]?.arrivals).toEqual({
      history: 'data/bank.tsv',
      queue: 'es',
      scale: 1.2,
    });
  });

  it('names the file, line and column of a YAML syntax error', () => {
    expect(errorLines('name: x\nqueues: [1, 2\nseed: 3\n', 'broken.yaml')).toEqual([
      'broken.yaml:3:1: expected YAML or JSON, found Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('reports duplicate keys, which YAML forbids', () => {
    expect(errorLines('name: a\nname: b\n', 'twice.yaml')[0]).toMatch(
      /^twice\.yaml:2:1: expected YAML or JSON, found Map keys must be unique/,
    );
  });

  it('gives the line of the bad field in YAML', () => {
    const text = TWO_LANGUAGES_YAML.replace('perHour: 50', 'perHour: -50');
    const rows = text.split('\n');
    const line = rows.findIndex((row) => row.includes('-50')) + 1;
    const column = (rows[line - 1] ?? '').indexOf('-50') + 1;
    expect(errorLines(text, 'two-languages.yaml')).toEqual([
      `two-languages.yaml:${line}:${column}: queues[0].arrivals[1].perHour: expected a number ≥ 0, found -50`,
    ]);
  });

  it('gives the line of the parent of a missing field', () => {
    const text = TWO_LANGUAGES_YAML.replace(
      'handleSeconds: { dist: uniform, min: 180, max: 420 }',
      '',
    );
    const line = text.split('\n').findIndex((row) => row.includes('- id: en')) + 1;
    expect(errorLines(text, 'f.yaml')).toEqual([
      `f.yaml:${line}:5: queues[0].handleSeconds: expected an object, found nothing (the field is missing)`,
    ]);
  });

  it('rejects a document that is not a mapping', () => {
    expect(errorLines('- 1\n- 2\n', 'list.yaml')).toEqual([
      'list.yaml:1:1: expected an object, found a list of 2',
    ]);
    expect(errorLines('', 'empty.yaml')).toEqual(['empty.yaml: expected an object, found null']);
  });

  it('is a typed error listing every issue', () => {
    const text = JSON.stringify(
      twoLanguages((document) => {
        document.seed = 1.5;
        document.replications = 0;
      }),
    );
    let caught: unknown;
    try {
      parseScenario(text, 'two.json');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScenarioError);
    const error = caught as ScenarioError;
    expect(error.code).toBe('InvalidScenario');
    expect(error.file).toBe('two.json');
    expect(error.issues.map((issue) => issue.path)).toEqual([['seed'], ['replications']]);
    expect(error.message).toBe(formatScenarioError(error));
  });
});
