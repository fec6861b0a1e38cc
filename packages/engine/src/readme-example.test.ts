import { expect, it } from 'vitest';
import { Engine } from './engine.ts';

// Keeps the README's engine example true.
it('[EVT2] the README example routes its first contact', () => {
  const engine = new Engine({ missedOffersBeforePause: 3 });
  const at = 0;
  engine.applyOrThrow(
    {
      type: 'configureSite',
      site: { id: 'rabat', city: 'Rabat', timeZone: 'Africa/Casablanca', positions: 120 },
    },
    at,
  );
  engine.applyOrThrow({ type: 'configureSkill', skill: { id: 'fr', kind: 'language' } }, at);
  engine.applyOrThrow(
    {
      type: 'configureQueue',
      queue: { id: 'telecom.fr', clientId: 'telecom', channel: 'voice', skills: { fr: 5 } },
    },
    at,
  );
  engine.applyOrThrow(
    { type: 'configureAgent', agent: { id: 'a1', siteId: 'rabat', skills: { fr: 8 } } },
    at,
  );
  engine.applyOrThrow({ type: 'login', agentId: 'a1' }, at);
  const result = engine.apply(
    { type: 'arrive', contact: { contactId: 'c1', queueId: 'telecom.fr' } },
    1_000,
  );
  expect(result.events.map((e) => e.type)).toEqual([
    'contactArrived',
    'contactQueued',
    'contactOffered',
    'agentStateChanged',
  ]);
});
