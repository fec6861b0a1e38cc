// Builders for the campaign pages' tests: protocol values with defaults, overridden where a test
// cares. Each is parsed by its protocol schema, so a builder cannot drift from the contract.
import {
  BlockingSummary,
  CampaignStats,
  CampaignView,
  LeadView,
  OutboundContext,
  SuppressionListView,
} from '@relais/protocol';
import type { z } from 'zod';

type In<S extends z.ZodType> = Partial<z.input<S>>;

export function makeCampaignView(
  overrides: In<typeof CampaignView> = {},
): z.infer<typeof CampaignView> {
  return CampaignView.parse({
    id: 'energie-relance',
    clientId: 'energie',
    name: 'Relance énergie',
    mode: 'predictive',
    queueId: 'energie.fr',
    callerId: '+33162000000',
    dispositions: [{ id: 'sale', label: 'Vente', flag: 'success' }],
    state: 'running',
    leads: 1200,
    ...overrides,
  });
}

export function makeStats(overrides: In<typeof CampaignStats> = {}): z.infer<typeof CampaignStats> {
  return CampaignStats.parse({
    campaignId: 'energie-relance',
    at: '2026-11-26T10:00:00Z',
    state: 'running',
    mode: 'predictive',
    effectiveMode: 'predictive',
    simulatedCalls: false,
    dialLevel: 1.75,
    linesInUse: 14,
    agents: { loggedIn: 10, available: 3, onCall: 6, wrapUp: 1 },
    today: {
      placed: 420,
      answeredHuman: 105,
      answeringMachine: 16,
      noAnswer: 250,
      busy: 40,
      abandoned: 2,
      success: 31,
    },
    answerRate: 0.25,
    abandonRate: { window: 0.012, windowHours: 24, sinceStart: 0.01 },
    leadsByState: { new: 800, scheduled: 300, done: 100 },
    blockedByReason: {},
    ...overrides,
  });
}

export function makeBlocking(
  overrides: In<typeof BlockingSummary> = {},
): z.infer<typeof BlockingSummary> {
  return BlockingSummary.parse({
    at: '2026-11-26T10:00:00Z',
    total: 1100,
    dialable: 0,
    blocked: 1100,
    byReason: { 'FR.hours': 1000, 'optout.listed': 60, 'FR.consent': 40 },
    neverDialable: 100,
    done: 100,
    ...overrides,
  });
}

export function makeLead(overrides: In<typeof LeadView> = {}): z.infer<typeof LeadView> {
  return LeadView.parse({
    id: 'lead-1',
    campaignId: 'energie-relance',
    listId: 'list-1',
    phoneE164: '+33612345678',
    country: 'FR',
    timeZone: 'Europe/Paris',
    firstName: 'Jeanne',
    lastName: 'Martin',
    attributes: {},
    state: 'new',
    attempts: 0,
    ...overrides,
  });
}

export function makeSuppressionList(
  overrides: In<typeof SuppressionListView> = {},
): z.infer<typeof SuppressionListView> {
  return SuppressionListView.parse({
    id: 'bloctel-nov',
    name: 'Opposition novembre',
    scrubbedAt: '2026-11-20T00:00:00Z',
    numbers: 125_000,
    ...overrides,
  });
}

/** A campaign contact as GET /contacts/:id/outbound gives it (the desktop's outbound side). */
export function makeOutboundContext(
  overrides: In<typeof OutboundContext> = {},
): z.infer<typeof OutboundContext> {
  return OutboundContext.parse({
    contactId: 'c1',
    campaignId: 'energie-relance',
    campaignName: 'Relance énergie',
    mode: 'predictive',
    preview: false,
    phase: 'connected',
    callerId: '+33162000000',
    simulatedCalls: false,
    script: 'Bonjour, je vous appelle de la part d’Énergie Plus.',
    dispositions: [
      { id: 'sale', label: 'Vente', flag: 'success' },
      { id: 'no', label: 'Pas intéressé', flag: 'refusal' },
      { id: 'later', label: 'Rappel demandé', flag: 'callback' },
      { id: 'stop', label: 'Ne plus appeler', flag: 'doNotCall' },
    ],
    lead: makeLead({ attributes: { contrat: 'EP-2231', offre: 'Gaz vert' }, attempts: 2 }),
    history: [],
    ...overrides,
  });
}
