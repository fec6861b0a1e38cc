import type { ContactView } from '@relais/protocol';
import { describe, expect, it } from 'vitest';
import { makeContactView, makeEvent, makeStatus } from '../testing/builders.ts';
import { applyEvent, focusedContact, fromStatus, type DesktopModel } from './desktop-model.ts';

const agentId = 'casa-07';
const offered = (contactId: string, seq: number) =>
  makeEvent({
    type: 'contactOffered',
    contactId,
    queueId: 'orbitel.fr',
    agentId,
    channel: 'voice',
    expiresAtMs: 2_000_000,
    seq,
  });

const fold = (model: DesktopModel, ...events: Parameters<typeof applyEvent>[1][]) =>
  events.reduce(applyEvent, model);

describe('the desktop model', () => {
  it('follows a contact from offer to completion', () => {
    let model = fromStatus(makeStatus({ seq: 10 }), []);
    model = applyEvent(model, offered('c1', 11));
    expect(focusedContact(model)).toMatchObject({
      contactId: 'c1',
      phase: 'offered',
      offerExpiresAtMs: 2_000_000,
    });
    model = fold(
      model,
      makeEvent({
        type: 'contactConnected',
        contactId: 'c1',
        queueId: 'orbitel.fr',
        agentId,
        channel: 'voice',
        waitMs: 3000,
        ringMs: 1000,
        seq: 12,
        atMs: 1_500_000,
      }),
    );
    const connected = focusedContact(model);
    expect(connected).toMatchObject({ phase: 'connected', connectedAtMs: 1_500_000 });
    expect(connected).not.toHaveProperty('offerExpiresAtMs');
    model = fold(
      model,
      makeEvent({
        type: 'contactEnded',
        contactId: 'c1',
        queueId: 'orbitel.fr',
        agentId,
        talkMs: 60_000,
        holdMs: 0,
        wrapUpUntilMs: 1_600_000,
        seq: 13,
        atMs: 1_540_000,
      }),
      makeEvent({
        type: 'dispositionSet',
        contactId: 'c1',
        agentId,
        dispositionId: 'resolved',
        seq: 14,
      }),
    );
    expect(focusedContact(model)).toMatchObject({
      phase: 'wrapUp',
      wrapUpUntilMs: 1_600_000,
      wrapUpSinceMs: 1_540_000,
      dispositionId: 'resolved',
    });
    model = applyEvent(
      model,
      makeEvent({
        type: 'contactCompleted',
        contactId: 'c1',
        queueId: 'orbitel.fr',
        agentId,
        wrapMs: 5000,
        seq: 15,
      }),
    );
    expect(model.contacts).toEqual([]);
    expect(model.lastSeq).toBe(15);
  });

  it('ignores events it already has, as a replay after a reconnection may resend', () => {
    const model = applyEvent(fromStatus(makeStatus({ seq: 10 }), []), offered('c1', 11));
    expect(applyEvent(model, offered('c2', 11))).toBe(model);
    expect(applyEvent(model, offered('c2', 9))).toBe(model);
  });

  it('drops an offer that is revoked or whose caller hangs up', () => {
    const model = applyEvent(fromStatus(makeStatus(), []), offered('c1', 11));
    const revoked = applyEvent(
      model,
      makeEvent({
        type: 'offerRevoked',
        contactId: 'c1',
        queueId: 'orbitel.fr',
        agentId,
        reason: 'timeout',
        ringMs: 20_000,
        seq: 12,
      }),
    );
    expect(revoked.contacts).toEqual([]);
    const abandoned = applyEvent(
      model,
      makeEvent({
        type: 'contactAbandoned',
        contactId: 'c1',
        queueId: 'orbitel.fr',
        waitMs: 9000,
        agentId,
        seq: 12,
      }),
    );
    expect(abandoned.contacts).toEqual([]);
  });

  it('keeps a pause asked for during a contact pending until it starts', () => {
    let model = fromStatus(makeStatus({ state: 'busy' }), []);
    model = applyEvent(
      model,
      makeEvent({ type: 'agentPauseRequested', agentId, reason: 'lunch', seq: 11 }),
    );
    expect(model.pendingPause).toBe('lunch');
    model = applyEvent(
      model,
      makeEvent({
        type: 'agentStateChanged',
        agentId,
        siteId: 'casa',
        from: 'busy',
        to: 'wrapUp',
        seq: 12,
      }),
    );
    expect(model).toMatchObject({ state: 'wrapUp', pendingPause: 'lunch' });
    model = applyEvent(
      model,
      makeEvent({
        type: 'agentStateChanged',
        agentId,
        siteId: 'casa',
        from: 'wrapUp',
        to: 'paused',
        reason: 'lunch',
        seq: 13,
        atMs: 1_700_000,
      }),
    );
    expect(model).toMatchObject({ state: 'paused', pauseReason: 'lunch', stateSinceMs: 1_700_000 });
    expect(model).not.toHaveProperty('pendingPause');
  });

  it('starts from a status read with the views of the contacts held', () => {
    const view: ContactView = {
      id: 'c9',
      queueId: 'voltea.fr',
      state: 'offered',
      arrivedAtMs: 1,
      updatedAtMs: 2,
      lastEvent: 'contactOffered',
      events: 3,
      attributes: { client: 'Mme Dupont' },
      offerExpiresAtMs: 5000,
    };
    const model = fromStatus(
      makeStatus({
        state: 'reserved',
        seq: 42,
        contacts: [{ contactId: 'c9', state: 'offered', channel: 'voice' }],
      }),
      [view],
    );
    expect(model.lastSeq).toBe(42);
    expect(focusedContact(model)).toEqual({
      contactId: 'c9',
      queueId: 'voltea.fr',
      channel: 'voice',
      phase: 'offered',
      offerExpiresAtMs: 5000,
      attributes: { client: 'Mme Dupont' },
    });
  });

  const connected = (contactId: string, seq: number) =>
    makeEvent({
      type: 'contactConnected',
      contactId,
      queueId: 'orbitel.fr',
      agentId,
      channel: 'voice',
      waitMs: 1000,
      ringMs: 500,
      seq,
    });

  it('[SPD7] marks a connected contact held since the hold event, and off hold once retrieved', () => {
    let model = fold(
      fromStatus(makeStatus({ seq: 10 }), []),
      offered('c1', 11),
      connected('c1', 12),
    );
    model = applyEvent(
      model,
      makeEvent({ type: 'contactHeld', contactId: 'c1', agentId, seq: 13, atMs: 1_500_000 }),
    );
    expect(focusedContact(model)).toMatchObject({
      phase: 'connected',
      held: true,
      heldSinceMs: 1_500_000,
    });
    model = applyEvent(
      model,
      makeEvent({ type: 'contactRetrieved', contactId: 'c1', agentId, holdMs: 9000, seq: 14 }),
    );
    const back = focusedContact(model);
    expect(back).toMatchObject({ phase: 'connected' });
    expect(back).not.toHaveProperty('held');
    expect(back).not.toHaveProperty('heldSinceMs');
  });

  it('[SPD7] a contact ended while held goes to wrap-up off hold; a hold of an offer changes nothing', () => {
    let model = fold(
      fromStatus(makeStatus({ seq: 10 }), []),
      offered('c1', 11),
      makeEvent({ type: 'contactHeld', contactId: 'c1', agentId, seq: 12 }),
    );
    expect(focusedContact(model)).not.toHaveProperty('held');
    model = fold(
      model,
      connected('c1', 13),
      makeEvent({ type: 'contactHeld', contactId: 'c1', agentId, seq: 14 }),
      makeEvent({
        type: 'contactEnded',
        contactId: 'c1',
        queueId: 'orbitel.fr',
        agentId,
        talkMs: 1,
        holdMs: 1,
        seq: 15,
      }),
    );
    expect(focusedContact(model)).toMatchObject({ phase: 'wrapUp' });
    expect(focusedContact(model)).not.toHaveProperty('held');
  });

  it('[SPD7] a status read says held; the view says since when only if the hold is its last event', () => {
    const status = makeStatus({
      state: 'busy',
      contacts: [
        { contactId: 'c1', state: 'held', channel: 'voice' },
        { contactId: 'c2', state: 'held', channel: 'chat' },
      ],
    });
    const model = fromStatus(status, [
      makeContactView({ state: 'held', lastEvent: 'contactHeld', updatedAtMs: 1_200_000 }),
      makeContactView({ id: 'c2', channel: 'chat', state: 'held', lastEvent: 'dispositionSet' }),
    ]);
    expect(model.contacts[0]).toMatchObject({
      phase: 'connected',
      held: true,
      heldSinceMs: 1_200_000,
    });
    expect(model.contacts[1]).toMatchObject({ phase: 'connected', held: true });
    expect(model.contacts[1]).not.toHaveProperty('heldSinceMs');
  });
});
