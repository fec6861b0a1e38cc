// Generated leads for simulated campaigns (SIMO3): distinct numbers of the pack's country, with
// the time zone and holiday calendar the list import would give them, and a contract relation
// (France: consent is required since 11 August 2026 unless a contract relation is recorded).
import type { Lead } from '@relais/dialer';
import { randomStream } from '../random/streams.ts';

export type LeadCountry = 'FR' | 'US' | 'UK';

// Mainland départements drawn for the holiday calendar; 57, 67 and 68 are Alsace-Moselle's.
const DEPARTEMENTS = ['75', '13', '69', '33', '59', '57', '67', '68', '44', '31'];

export function generateLeads(count: number, country: LeadCountry, seed: number): Lead[] {
  const random = randomStream(seed, 'outbound', 'leads', country);
  const leads: Lead[] = [];
  for (let i = 0; i < count; i++) {
    const id = `lead-${i + 1}`;
    const serial = String(i).padStart(8, '0');
    if (country === 'FR') {
      const departement = DEPARTEMENTS[Math.floor(random() * DEPARTEMENTS.length)] as string;
      leads.push({
        id,
        phoneE164: `+33${random() < 0.7 ? '6' : '7'}${serial}`,
        country: 'FR',
        timeZone: 'Europe/Paris',
        holidayRegion: { country: 'FR', subdivision: departement },
        contractRelation: true,
      });
    } else if (country === 'US') {
      leads.push({
        id,
        phoneE164: `+1212${serial.slice(1)}`,
        country: 'US',
        timeZone: 'America/New_York',
        holidayRegion: { country: 'US' },
      });
    } else {
      leads.push({
        id,
        phoneE164: `+447${serial.slice(-9).padStart(9, '0')}`,
        country: 'GB',
        timeZone: 'Europe/London',
        holidayRegion: { country: 'GB' },
      });
    }
  }
  return leads;
}
