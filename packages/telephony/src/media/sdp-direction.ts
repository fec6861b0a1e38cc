// What a re-INVITE's offer means for the call: the audio direction (hold is `sendonly` or
// `inactive`, or the old `c=0.0.0.0`), whether the media changed at all (a session refresh
// does not), and our answer revised with a new direction and the next o= version (RFC 3264 §8).
import { readAudio } from './sdp-audio.ts';

export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

const DIRECTIONS: readonly string[] = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];

/** The audio direction: the m=audio section's attribute, else the session's, else sendrecv. */
export function audioDirection(sdp: string, where: string): Direction {
  const audio = readAudio(sdp, where);
  // RFC 2543 hold: a zero connection address means "send me nothing".
  if (audio.address === '0.0.0.0') return 'inactive';
  const lines = sdp.split(/\r?\n/);
  const start = lines.findIndex((line) => line.startsWith('m=audio '));
  const end = lines.findIndex((line, index) => index > start && line.startsWith('m='));
  const find = (section: readonly string[]) =>
    section.map((line) => line.trim().slice(2)).find((name) => DIRECTIONS.includes(name));
  const found =
    find(lines.slice(start, end < 0 ? undefined : end)) ??
    find(lines.slice(0, start).filter((line) => line.startsWith('a=')));
  return (found as Direction | undefined) ?? 'sendrecv';
}

/** The direction that answers `offered` (RFC 3264 §6.1). */
export function answeringDirection(offered: Direction): Direction {
  if (offered === 'sendonly') return 'recvonly';
  if (offered === 'recvonly') return 'sendonly';
  return offered;
}

/** Hold, as phones ask for it: they will send nothing we should play, or nothing at all. */
export function isHold(direction: Direction): boolean {
  return direction === 'sendonly' || direction === 'inactive';
}

/**
 * True when `next` describes the same audio as `previous`: same address, port, transport,
 * codecs and direction. A re-INVITE offering the same media is a session refresh, answered
 * with our previous answer as it was.
 */
export function sameAudio(next: string, previous: string, where: string): boolean {
  const a = readAudio(next, where);
  const b = readAudio(previous, where);
  return (
    a.address === b.address &&
    a.port === b.port &&
    a.protocol === b.protocol &&
    a.codecs.map((c) => c.encoding.toLowerCase()).join() ===
      b.codecs.map((c) => c.encoding.toLowerCase()).join() &&
    audioDirection(next, where) === audioDirection(previous, where)
  );
}

/**
 * `sdp` with the o= line of `previous` (the last SDP we sent in this dialog) and its version
 * plus one, as a changed SDP in a dialog must have (RFC 3264 §8); with `direction`, its audio
 * direction set to that too. rtpengine passes each side's o= line through, so without this a
 * phone would see the origin change whenever the other side changes.
 */
export function reviseSdp(sdp: string, previous: string, direction?: Direction): string {
  const origin = previous.split(/\r?\n/).find((line) => line.startsWith('o='));
  const fields = origin?.slice(2).trim().split(/\s+/) ?? [];
  const version = Number(fields[2]);
  const nextOrigin =
    fields.length === 6 && Number.isSafeInteger(version)
      ? `o=${[fields[0], fields[1], String(version + 1), ...fields.slice(3)].join(' ')}`
      : undefined;
  const isDirection = (line: string) =>
    line.startsWith('a=') && DIRECTIONS.includes(line.slice(2).trim());
  const kept = sdp
    .split(/\r?\n/)
    .filter((line) => line !== '' && (direction === undefined || !isDirection(line)))
    .map((line) => (line.startsWith('o=') && nextOrigin !== undefined ? nextOrigin : line));
  if (direction === undefined) return `${kept.join('\r\n')}\r\n`;
  const start = kept.findIndex((line) => line.startsWith('m=audio '));
  const next = kept.findIndex((line, index) => index > start && line.startsWith('m='));
  // Attributes come last in a media section (RFC 4566 §5): at the end of the audio section.
  const at = next < 0 ? kept.length : next;
  const out = [...kept.slice(0, at), `a=${direction}`, ...kept.slice(at)];
  return `${out.join('\r\n')}\r\n`;
}

/**
 * What we send a phone next in a dialog where we last sent `previous`: `previous` itself when
 * nothing but the o= line differs (its version must not move then), else `sdp` revised.
 */
export function followUp(sdp: string, previous: string): string {
  const body = (text: string) =>
    text
      .split(/\r?\n/)
      .filter((line) => line !== '' && !line.startsWith('o='))
      .join('\n');
  return body(sdp) === body(previous) ? previous : reviseSdp(sdp, previous);
}
