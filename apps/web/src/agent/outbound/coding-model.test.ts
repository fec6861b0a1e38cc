import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../../api/api-client.ts';
import { makeOutboundContext } from '../../testing/campaign-builders.ts';
import { checkCoding, codingProblems, groupByFlag } from './coding-model.ts';

const { dispositions } = makeOutboundContext({
  dispositions: [
    { id: 'later', label: 'Rappel demandé', flag: 'callback' },
    { id: 'sale', label: 'Vente', flag: 'success' },
    { id: 'no', label: 'Pas intéressé', flag: 'refusal' },
    { id: 'sale2', label: 'Vente avec option', flag: 'success' },
  ],
});
const NOW = Date.UTC(2026, 10, 27, 9, 0);
const form = (changes: object = {}) => ({
  dispositionId: 'sale',
  callbackAt: '2026-11-27T18:00',
  ownCallback: false,
  ...changes,
});

describe('coding a campaign call', () => {
  it('groups the dispositions by flag, in the flags’ order, each in the campaign’s order', () => {
    expect(groupByFlag(dispositions).map((g) => [g.flag, g.dispositions.map((d) => d.id)])).toEqual(
      [
        ['success', ['sale', 'sale2']],
        ['refusal', ['no']],
        ['callback', ['later']],
      ],
    );
  });

  it('sends the disposition alone when it is not a callback', () => {
    expect(checkCoding(form(), dispositions, 'Europe/Paris', NOW)).toEqual({
      ok: true,
      body: { dispositionId: 'sale' },
    });
  });

  it('asks for a disposition of the campaign', () => {
    for (const dispositionId of ['', 'resolved'])
      expect(checkCoding(form({ dispositionId }), dispositions, 'Europe/Paris', NOW)).toEqual({
        ok: false,
        problems: { dispositionId: { key: 'outbound.coding.pickDisposition' } },
      });
  });

  it('reads a callback’s time in the callee’s zone, and says whose callback it is', () => {
    const check = checkCoding(
      form({ dispositionId: 'later', ownCallback: true }),
      dispositions,
      'America/Martinique',
      NOW,
    );
    expect(check).toEqual({
      ok: true,
      body: { dispositionId: 'later', callbackAt: '2026-11-27T22:00:00.000Z', ownCallback: true },
    });
  });

  it('refuses a callback time that is missing, malformed or not ahead of now', () => {
    for (const callbackAt of ['', '2026-11-27', '2026-11-27T09:59', '2026-11-26T18:00'])
      expect(
        checkCoding(
          form({ dispositionId: 'later', callbackAt }),
          dispositions,
          'Europe/Paris',
          NOW,
        ),
      ).toEqual({ ok: false, problems: { callbackAt: { key: 'outbound.coding.pickTime' } } });
  });

  it('puts a 400’s details under the field they name', () => {
    const failure = new ApiFailure(400, 'ValidationFailed', 'callbackAt: outside the windows', [
      { path: 'callbackAt', message: 'outside the calling windows (D.223-9)' },
      { path: 'ownCallback', message: 'expected a boolean' },
    ]);
    expect(codingProblems(failure)).toEqual({
      callbackAt: { text: 'outside the calling windows (D.223-9)' },
      ownCallback: { text: 'expected a boolean' },
    });
  });

  it('reads the field from the message when the details name none', () => {
    const failure = new ApiFailure(400, 'BadRequest', 'dispositionId: no disposition "x" here');
    expect(codingProblems(failure)).toEqual({
      dispositionId: { text: 'no disposition "x" here' },
    });
  });

  it('puts any other failure under the form', () => {
    expect(codingProblems(new ApiFailure(400, 'BadRequest', 'the call is over'))).toEqual({
      form: { text: 'the call is over' },
    });
    expect(codingProblems(new ApiFailure(409, 'IllegalTransition', 'already coded'))).toEqual({
      form: { text: 'already coded' },
    });
    expect(codingProblems(new Error('boom'))).toEqual({ form: { text: 'Error: boom' } });
  });
});
