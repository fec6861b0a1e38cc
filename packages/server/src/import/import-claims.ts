// The import's telephony check (TEL29): a queue's routing numbers and an agent's SIP user are
// unique across the server as through the config API (TEL9, TEL10) — against the other rows of
// the file and against the PhoneClaims index — and a SIP user goes with a password. Passed rows'
// values stay reserved until the import is over, so a concurrent write cannot take them meanwhile.
import type { ClaimKind, Holder, PhoneClaims } from '../telephony/phone-claims.ts';
import { claimedValues } from '../telephony/phone-claims.ts';
import type { RejectedRow } from './import-config.ts';

interface ClaimingRow {
  line: number;
  data: Record<string, unknown> & { id: string };
}

const holderName = (by: Holder, tenantId: string): string =>
  by.tenantId === tenantId ? `"${by.id}"` : 'one of another tenant';

/** Rejects the rows whose values are taken; returns the release of the others' reservations. */
export function claimRows(
  claims: PhoneClaims,
  tenantId: string,
  kind: ClaimKind,
  rows: readonly ClaimingRow[],
  rejected: RejectedRow[],
): () => void {
  const field = kind === 'queue' ? 'phoneNumbers' : 'sipUser';
  const firstLine = new Map<string, number>();
  const releases: (() => void)[] = [];
  for (const { line, data } of rows) {
    const reject = (message: string, on = field): void => {
      rejected.push({ line, id: data.id, field: on, message });
    };
    if (kind === 'agent') {
      const { sipUser, sipPassword } = data;
      if (sipUser === undefined && sipPassword !== undefined) {
        reject('give sipUser too (the SIP user name the phone registers with)', 'sipPassword');
        continue;
      }
      if (typeof sipUser === 'string' && sipPassword === undefined) {
        reject(`required with sipUser "${sipUser}", 8 to 128 characters`, 'sipPassword');
        continue;
      }
    }
    const values = claimedValues(kind, data);
    const listedTwice = values.find((value, i) => values.indexOf(value) !== i);
    if (listedTwice !== undefined) {
      reject(`"${listedTwice}" is listed twice; list each routing number once`);
      continue;
    }
    const twice = values.find((value) => firstLine.has(value));
    if (twice !== undefined) {
      reject(`"${twice}" is on line ${firstLine.get(twice)} too; give it to one row`);
      continue;
    }
    const claim = claims.reserve(kind, tenantId, data.id, values);
    if ('taken' in claim) {
      const noun = kind === 'queue' ? 'queue' : 'agent';
      reject(
        `"${claim.taken}" already belongs to another ${noun} (${holderName(claim.by, tenantId)}); ${kind === 'queue' ? 'remove it there first' : 'choose another SIP user name'}`,
      );
      continue;
    }
    releases.push(claim.release);
    for (const value of values) firstLine.set(value, line);
  }
  return () => {
    for (const release of releases) release();
  };
}
