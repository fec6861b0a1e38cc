import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { OutboundCallPhase } from '@relais/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../../api/api-client.ts';
import { makeOutboundContext } from '../../testing/campaign-builders.ts';
import { fakeFetch } from '../../testing/fake-server.ts';
import type { HeldContact } from '../desktop-model.ts';
import { useOutboundContext } from './use-outbound-context.ts';

afterEach(cleanup);

const OUTBOUND = 'GET /api/v1/contacts/c1/outbound';
const held = (changes: Partial<HeldContact> = {}): HeldContact => ({
  contactId: 'c1',
  queueId: 'energie.fr',
  channel: 'voice',
  phase: 'connected',
  attributes: { campaignId: 'energie-relance', leadId: 'lead-1', preview: 'true' },
  ...changes,
});

/** A server whose call goes through `phases`, one per read, then stays at the last. */
function dialer(phases: OutboundCallPhase[]) {
  const server = fakeFetch({
    [OUTBOUND]: () => ({
      body: makeOutboundContext({
        phase: (phases.length > 1 ? phases.shift() : phases[0]) ?? 'connected',
      }),
    }),
  });
  const reads = () => server.requests.filter((r) => r.path.endsWith('/outbound')).length;
  return { api: new ApiClient(server.fetch), reads };
}

describe('the campaign side of the desktop’s contact', () => {
  it('reads again while the call rings or waits, and stops once it is connected', async () => {
    const { api, reads } = dialer(['ringing', 'ringing', 'waiting', 'connected']);
    const { result } = renderHook(() => useOutboundContext(api, held(), 5));
    await waitFor(() => expect(result.current.read?.context?.phase).toBe('connected'));
    expect(reads()).toBe(4);
    // Five more poll periods of 5 ms would be several more reads if it still polled.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reads()).toBe(4);
  });

  it('reads nothing for a contact no campaign sent', async () => {
    const { api, reads } = dialer(['connected']);
    const { result } = renderHook(() =>
      useOutboundContext(api, held({ attributes: { customerId: 'C-1' } }), 5),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(result.current).toMatchObject({ read: undefined, isCampaign: false });
    expect(reads()).toBe(0);
  });

  it('reads again when the contact changes phase on the desktop', async () => {
    const { api, reads } = dialer(['offered', 'connected']);
    const { result, rerender } = renderHook(
      (contact: HeldContact) => useOutboundContext(api, contact, 5),
      { initialProps: held({ phase: 'offered' }) },
    );
    await waitFor(() => expect(result.current.read?.context?.phase).toBe('offered'));
    rerender(held({ phase: 'connected' }));
    await waitFor(() => expect(result.current.read?.context?.phase).toBe('connected'));
    expect(reads()).toBe(2);
  });

  it('takes a 404 as "not a campaign’s contact", and keeps the last context over a failed read', async () => {
    const missing = renderHook(() =>
      useOutboundContext(new ApiClient(fakeFetch({}).fetch), held(), 5),
    );
    await waitFor(() =>
      expect(missing.result.current.read).toEqual({ contactId: 'c1', notCampaign: true }),
    );

    let failing = false;
    const server = fakeFetch({
      [OUTBOUND]: () =>
        failing
          ? { status: 503, body: { error: { code: 'Unavailable', message: 'busy' } } }
          : { body: makeOutboundContext({ phase: 'connected' }) },
    });
    const { result } = renderHook(() => useOutboundContext(new ApiClient(server.fetch), held(), 5));
    await waitFor(() => expect(result.current.read?.context?.phase).toBe('connected'));
    failing = true;
    act(() => result.current.reload());
    await waitFor(() => expect(result.current.read?.error).toBeDefined());
    expect(result.current.read?.context?.phase).toBe('connected');
  });
});
