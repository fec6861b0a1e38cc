/** Every kind of bad scenario gives one clear line naming the file, the path and the fault. */
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from './scenario-schema.ts';
import { twoLanguages } from '../testing/two-languages.ts';
import { parseScenario } from './parse-scenario.ts';
import { ScenarioError, formatScenarioError } from './scenario-error.ts';

/** The error lines for the example changed by `change`, written as JSON to `bad.json`. */
function problems(change: (document: ScenarioInput) => void): string[] {
  try {
    parseScenario(JSON.stringify(twoLanguages(change)), 'bad.json');
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    // Strip line:column so the expectations stay readable; parse-scenario.test.ts checks them.
    return formatScenarioError(error)
      .split('\n')
      .map((line) => line.replace(/^bad\.json:\d+:\d+: /, 'bad.json: '));
  }
  throw new Error('expected a ScenarioError');
}

/** Shorthands into the document; the example always has these. */
const en = (document: ScenarioInput) => document.queues[0]!;
const es = (document: ScenarioInput) => document.queues[1]!;
const bilingual = (document: ScenarioInput) => document.agents[1]!;

describe('scenario fields, one at a time', () => {
  it.each<[string, (document: ScenarioInput) => void, string]>([
    [
      'a negative arrival rate',
      (d) => (en(d).arrivals = [{ from: '08:00', to: '09:00', perHour: -3 }]),
      'queues[0].arrivals[0].perHour: expected a number ≥ 0, found -3',
    ],
    [
      'a rate that is not a number',
      (d) => (es(d).arrivals = [{ from: '08:00', to: '09:00', perHour: 'lots' as never }]),
      'queues[1].arrivals[0].perHour: expected a number, found "lots"',
    ],
    [
      'replications below 1',
      (d) => (d.replications = 0),
      'replications: expected an integer ≥ 1, found 0',
    ],
    ['a fractional seed', (d) => (d.seed = 7.5), 'seed: expected an integer, found 7.5'],
    [
      'a seed given as text',
      (d) => (d.seed = '7' as never),
      'seed: expected an integer, found "7"',
    ],
    ['fractional days', (d) => (d.days = 1.5), 'days: expected an integer ≥ 1, found 1.5'],
    ['zero lines', (d) => (d.lines = 0), 'lines: expected an integer ≥ 1, found 0'],
    [
      'no queues at all',
      (d) => delete (d as Partial<ScenarioInput>).queues,
      'queues: expected a list, found nothing (the field is missing)',
    ],
    [
      'an empty queue list',
      (d) => (d.queues = []),
      'queues: expected at least 1 item (or a campaign in campaigns), found a list of 0',
    ],
    [
      'a misspelt field',
      (d) => ((en(d) as Record<string, unknown>)['handleSecs'] = 3),
      'queues[0].handleSecs: expected a known field name, found an unknown field',
    ],
    [
      'a time not written HH:MM',
      (d) => (d.day.start = '8:00'),
      'day.start: expected a time of day "HH:MM" from 00:00 to 24:00, found "8:00"',
    ],
    [
      'a time past midnight',
      (d) => (bilingual(d).shifts = [{ start: '08:00', end: '24:30' }]),
      'agents[1].shifts[0].end: expected a time of day "HH:MM" from 00:00 to 24:00, found "24:30"',
    ],
    [
      'an unknown strategy',
      (d) => (d.routing.strategy = 'fastest' as never),
      'routing.strategy: expected one of "longest-idle", "most-skilled", "least-occupied", "round-robin", found "fastest"',
    ],
    [
      'an unknown service-level formula',
      (d) => (en(d).serviceLevel = { thresholdSeconds: 20, target: 0.8, formula: 'x' as never }),
      'queues[0].serviceLevel.formula: expected one of "answered", "offered", "abandon-neutral", "abandon-positive", found "x"',
    ],
    [
      'a service-level target above 1',
      (d) => (en(d).serviceLevel = { thresholdSeconds: 20, target: 80 }),
      'queues[0].serviceLevel.target: expected a number from 0 to 1, found 80',
    ],
    [
      'a retrial probability above 1',
      (d) => (en(d).retrial = { probability: 1.5, delaySeconds: { dist: 'fixed', value: 60 } }),
      'queues[0].retrial.probability: expected a number from 0 to 1, found 1.5',
    ],
    [
      'a proficiency above 10',
      (d) => (bilingual(d).skills = { en: 11, es: 5 }),
      'agents[1].skills.en: expected an integer from 1 to 10, found 11',
    ],
    [
      'a negative agent count',
      (d) => (bilingual(d).count = -1),
      'agents[1].count: expected an integer ≥ 0, found -1',
    ],
    [
      'an unknown time zone',
      (d) => (d.sites![0]!.timeZone = 'Mars/Olympus'),
      'sites[0].timeZone: expected an IANA time zone such as Africa/Casablanca, found "Mars/Olympus"',
    ],
    [
      'arrivals neither a list nor a history',
      (d) => (en(d).arrivals = 'busy' as never),
      'queues[0].arrivals: expected a list of arrival windows { from, to, perHour }, or { history: "file" }, found "busy"',
    ],
    [
      'a history without a path',
      (d) => (en(d).arrivals = { history: '' }),
      'queues[0].arrivals.history: expected a non-empty string, found ""',
    ],
  ])('%s', (_, change, expected) => {
    expect(problems(change)).toEqual([`bad.json: ${expected}`]);
  });
});

describe('distributions inside a scenario', () => {
  it.each<[string, (document: ScenarioInput) => void, string]>([
    [
      'uniform with min above max',
      (d) => (en(d).handleSeconds = { dist: 'uniform', min: 420, max: 180 }),
      'queues[0].handleSeconds.max: expected a number ≥ min (420), found 180',
    ],
    [
      'exponential with mean 0',
      (d) => (en(d).patienceSeconds = { dist: 'exponential', mean: 0 }),
      'queues[0].patienceSeconds.mean: expected a number > 0, found 0',
    ],
    [
      'lognormal with a negative sd',
      (d) => (es(d).handleSeconds = { dist: 'lognormal', mean: 300, sd: -1 }),
      'queues[1].handleSeconds.sd: expected a number ≥ 0, found -1',
    ],
    [
      'gamma with shape 0',
      (d) => (es(d).handleSeconds = { dist: 'gamma', shape: 0, scale: 10 }),
      'queues[1].handleSeconds.shape: expected a number > 0, found 0',
    ],
    [
      'an empty empirical list',
      (d) => (en(d).wrapUpSeconds = { dist: 'empirical', values: [] }),
      'queues[0].wrapUpSeconds.values: expected at least 1 item, found a list of 0',
    ],
    [
      'an unknown distribution',
      (d) => (en(d).handleSeconds = { dist: 'weibull', shape: 2 } as never),
      'queues[0].handleSeconds.dist: expected one of "fixed", "exponential", "uniform", "lognormal", "gamma", "empirical", found "weibull"',
    ],
    [
      'a retrial delay with impossible parameters',
      (d) => (en(d).retrial = { probability: 0.5, delaySeconds: { dist: 'fixed', value: -60 } }),
      'queues[0].retrial.delaySeconds.value: expected a number ≥ 0, found -60',
    ],
  ])('%s', (_, change, expected) => {
    expect(problems(change)).toEqual([`bad.json: ${expected}`]);
  });
});

describe('checks across fields', () => {
  it.each<[string, (document: ScenarioInput) => void, string]>([
    [
      'a duplicate queue id',
      (d) => (es(d).id = 'en'),
      'queues[1].id: expected a queue id not already used (by queues[0]), found "en"',
    ],
    [
      'a duplicate agent group name',
      (d) => (bilingual(d).name = 'en'),
      'agents[1].name: expected an agent group name not already used (by agents[0]), found "en"',
    ],
    [
      'a skill no agent has',
      (d) => (es(d).skills = { fr: 1 }),
      'queues[1].skills.fr: expected a skill some agent group has (en, es), found "fr", which no agent has, so queue "es" cannot be served',
    ],
    [
      'skills no one agent group combines',
      (d) => {
        d.agents[1] = { name: 'es', count: 3, skills: { es: 5 } };
        es(d).skills = { en: 1, es: 1 };
      },
      'queues[1].skills: expected an agent group with en ≥ 1, es ≥ 1 to serve queue "es", found no such agent group',
    ],
    [
      'a minimum proficiency above every agent',
      (d) => (es(d).skills = { es: 6 }),
      'queues[1].skills: expected an agent group with es ≥ 6 to serve queue "es", found no such agent group',
    ],
    [
      'an agent at an unknown site',
      (d) => (bilingual(d).site = 'casablanca'),
      'agents[1].site: expected a site id from sites (rabat), found "casablanca"',
    ],
    [
      'a day that ends before it starts',
      (d) => (d.day = { start: '17:00', end: '08:00' }),
      'day.end: expected a time after day.start (17:00), found "08:00"',
    ],
    [
      'an arrival window before the day',
      (d) => (es(d).arrivals = [{ from: '07:00', to: '09:00', perHour: 5 }]),
      'queues[1].arrivals[0].from: expected a time within the day (08:00–17:00), found "07:00"',
    ],
    [
      'an arrival window after the day',
      (d) => (es(d).arrivals = [{ from: '16:00', to: '18:00', perHour: 5 }]),
      'queues[1].arrivals[0].to: expected a time within the day (08:00–17:00), found "18:00"',
    ],
    [
      'a reversed arrival window',
      (d) => (es(d).arrivals = [{ from: '10:00', to: '09:00', perHour: 5 }]),
      'queues[1].arrivals[0].to: expected a time after from (10:00), found "09:00"',
    ],
    [
      'overlapping arrival windows, listed in any order',
      (d) =>
        (es(d).arrivals = [
          { from: '12:00', to: '17:00', perHour: 5 },
          { from: '08:00', to: '12:30', perHour: 9 },
        ]),
      'queues[1].arrivals[0].from: expected a time at or after queues[1].arrivals[1].to (12:30): windows must not overlap, found "12:00"',
    ],
    [
      'a shift before the day',
      (d) => (bilingual(d).shifts = [{ start: '06:00', end: '12:00' }]),
      'agents[1].shifts[0].start: expected a time within the day (08:00–17:00), found "06:00"',
    ],
    [
      'a shift after the day',
      (d) => (bilingual(d).shifts = [{ start: '12:00', end: '20:00' }]),
      'agents[1].shifts[0].end: expected a time within the day (08:00–17:00), found "20:00"',
    ],
    [
      'a reversed shift',
      (d) => (bilingual(d).shifts = [{ start: '12:00', end: '12:00' }]),
      'agents[1].shifts[0].end: expected a time after start (12:00), found "12:00"',
    ],
    [
      'overlapping shifts',
      (d) =>
        (bilingual(d).shifts = [
          { start: '08:00', end: '12:00' },
          { start: '11:00', end: '15:00' },
        ]),
      'agents[1].shifts[1].start: expected a time at or after agents[1].shifts[0].end (12:00): windows must not overlap, found "11:00"',
    ],
  ])('%s', (_, change, expected) => {
    expect(problems(change)).toEqual([`bad.json: ${expected}`]);
  });

  it('accepts windows that touch, and gaps between them', () => {
    const document = twoLanguages((d) => {
      es(d).arrivals = [
        { from: '08:00', to: '09:00', perHour: 5 },
        { from: '10:00', to: '17:00', perHour: 5 },
        { from: '09:00', to: '09:30', perHour: 0 },
      ];
      bilingual(d).shifts = [
        { start: '13:00', end: '17:00' },
        { start: '08:00', end: '13:00' },
      ];
    });
    expect(parseScenario(JSON.stringify(document), 'ok.json').queues[1]?.arrivals).toHaveLength(3);
  });

  it('reports every issue at once', () => {
    expect(
      problems((d) => {
        es(d).id = 'en';
        es(d).skills = { fr: 1 };
        bilingual(d).shifts = [{ start: '07:00', end: '12:00' }];
      }),
    ).toEqual([
      'bad.json: queues[1].id: expected a queue id not already used (by queues[0]), found "en"',
      'bad.json: queues[1].skills.fr: expected a skill some agent group has (en, es), found "fr", which no agent has, so queue "en" cannot be served',
      'bad.json: agents[1].shifts[0].start: expected a time within the day (08:00–17:00), found "07:00"',
    ]);
  });
});
