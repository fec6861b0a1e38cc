import { describe, expect, it } from 'vitest';
import { placeErrors, serverProblems, toBody, toValues } from './form-model.ts';
import { untouched } from './kind-pages.tsx';
import { KIND_SECTIONS, sectionAt } from './sections.ts';

const queues = sectionAt('queues');
if (queues === undefined) throw new Error('no queues section');

describe('the administration form model', () => {
  it('has a field for every field of every schema, so that an edit (a PUT) loses nothing', () => {
    for (const section of KIND_SECTIONS) {
      const owned = new Set(section.fields.map((field) => field.path.split('.')[0]));
      expect([
        section.path,
        Object.keys(section.schema.shape).filter((key) => !owned.has(key)),
      ]).toEqual([section.path, []]);
    }
  });

  it('turns a queue into form text and back into the same JSON', () => {
    const queue = {
      id: 'orbitel.fr',
      clientId: 'orbitel',
      channel: 'voice',
      skills: { fr: 5, billing: 3 },
      sites: ['casa', 'rabat'],
      serviceLevel: { thresholdSeconds: 20, target: 0.8, formula: 'offered' },
      wrapUp: { mode: 'timed', seconds: 30 },
      overflow: { kind: 'queue', queueId: 'orbitel.overflow' },
      steps: [
        { afterSeconds: 30, addSkills: { en: 3 }, minProficiencyDelta: -2 },
        { afterSeconds: 90, addSites: 'network', raisePriority: 5 },
      ],
    };
    const values = toValues(queues.fields, queue);
    expect(values).toMatchObject({
      skills: 'fr:5 billing:3',
      sites: 'casa rabat',
      'serviceLevel.target': '0.8',
      'steps.#': '2',
      'steps.1.addSites': 'network',
    });
    expect(toBody(queues.fields, values)).toEqual(queue);
    expect(untouched(queues, { ...queue, version: 3, createdAt: 'x' })).toEqual({});
  });

  it("[VOICE5][POS5] turns a queue's voice menu, announcement and position announcement into form text and back", () => {
    const queue = {
      id: 'reception',
      clientId: 'orbitel',
      channel: 'voice',
      skills: { fr: 5 },
      phoneNumbers: ['800100'],
      voiceMenu: {
        promptFile: '/srv/relais/menu.wav',
        choices: [
          { digit: '1', queueId: 'sales' },
          { digit: '#', queueId: 'reception' },
        ],
        timeoutSeconds: 4,
        attempts: 2,
        onFailure: 'hang-up',
      },
      announcement: { file: '/srv/relais/wait.wav', everySeconds: 30 },
      announcePosition: { say: 'both', everySeconds: 60 },
    };
    const values = toValues(queues.fields, queue);
    expect(values).toMatchObject({
      'voiceMenu.choices.#': '2',
      'voiceMenu.choices.1.digit': '#',
      'announcement.everySeconds': '30',
      'announcePosition.say': 'both',
      'announcePosition.everySeconds': '60',
    });
    expect(toBody(queues.fields, values)).toEqual(queue);
  });

  it('keeps text that is not a number as typed, for the schema to name the field', () => {
    const body = toBody(queues.fields, { priority: 'high', skills: 'fr:ten' });
    expect(body).toEqual({ priority: 'high', skills: { fr: 'ten' } });
  });

  it('puts engine errors and validation details on the field they name', () => {
    const values = { 'steps.#': '2' };
    const engine = serverProblems('queue', {
      message: 'queue.steps[1].addSites[0]: no site with id "nowhere"; configure it first',
      details: { path: 'queue.steps[1].addSites[0]' },
    });
    expect(placeErrors(queues.fields, values, engine)).toEqual({
      'steps.1.addSites': 'no site with id "nowhere"; configure it first',
    });
    const details = serverProblems('queue', {
      message: 'skills.fr: too big',
      details: [
        { path: 'skills.fr', message: 'Too big: expected number to be <=10' },
        { path: '(root)', message: 'something else' },
      ],
    });
    expect(placeErrors(queues.fields, values, details)).toEqual({
      skills: 'Too big: expected number to be <=10',
      '': 'something else',
    });
    expect(
      placeErrors(queues.fields, values, serverProblems('queue', { message: 'busy, retry' })),
    ).toEqual({ '': 'busy, retry' });
  });
});
