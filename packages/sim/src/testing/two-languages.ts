/** The example scenario of issue 3, as text and as a document that tests can break one field of. */
import { parse } from 'yaml';
import type { ScenarioInput } from '../scenario/scenario-schema.ts';

export const TWO_LANGUAGES_YAML = `
name: two-languages
seed: 7                      # same seed, same results
replications: 100            # independent days; results give the mean and a 95% confidence half-width
day: { start: "08:00", end: "17:00" }   # arrivals happen in this window; the day runs until the last contact ends
lines: 40                    # optional: maximum contacts in the system (waiting + served); arrivals beyond are blocked
routing: { strategy: longest-idle }     # any engine strategy; queues may override
queues:
  - id: en
    skills: { en: 1 }        # skill -> minimum proficiency
    priority: 0
    arrivals:                # Poisson arrivals with a piecewise-constant rate
      - { from: "08:00", to: "09:00", perHour: 100 }
      - { from: "09:00", to: "17:00", perHour: 50 }
    handleSeconds: { dist: uniform, min: 180, max: 420 }
    patienceSeconds: { dist: exponential, mean: 120 }    # omitted = customers never abandon
    wrapUpSeconds: { dist: fixed, value: 0 }              # optional
    retrial: { probability: 0.75, delaySeconds: { dist: exponential, mean: 1200 } }  # optional, after abandoning
    serviceLevel: { thresholdSeconds: 20, target: 0.8, formula: offered }
agents:
  - { name: en, count: 7, site: rabat, skills: { en: 5 } }
  - { name: bilingual, count: 4, skills: { en: 5, es: 5 }, shifts: [ { start: "08:00", end: "12:00" } ] }
sites:
  - { id: rabat, city: Rabat, timeZone: Africa/Casablanca, positions: 120 }
`;

/**
 * The example with a second queue (es) so that cross-queue rules have something to check;
 * `change` edits the document before it is returned.
 */
export function twoLanguages(change: (document: ScenarioInput) => void = () => {}): ScenarioInput {
  const document = parse(TWO_LANGUAGES_YAML) as ScenarioInput;
  document.queues.push({
    id: 'es',
    skills: { es: 1 },
    priority: 1,
    arrivals: [{ from: '08:00', to: '17:00', perHour: 20 }],
    handleSeconds: { dist: 'lognormal', mean: 300, sd: 120 },
    serviceLevel: { thresholdSeconds: 30, target: 0.9 },
  });
  change(document);
  return document;
}
