// RFC 4733 telephone-event packets for tests: what a phone sends for one key press. The event's
// packets share one timestamp; the first has the marker bit; the duration grows by 160 samples
// (20 ms) per packet; the end packet (E bit) is sent three times, as §2.5.1.4 advises.

export const TELEPHONE_EVENT_PT = 101;
const KEYS = '0123456789*#ABCD';

export interface KeyPress {
  readonly digit: string;
  readonly ssrc: number;
  /** Sequence number of the first packet; the press uses `packets` numbers from there. */
  readonly sequence: number;
  readonly timestamp: number;
  /** Packets before the end packets; default 5 (100 ms). */
  readonly steps?: number;
}

/** The RTP packets of one key press, in sending order. */
export function keyPressPackets(press: KeyPress): Buffer[] {
  const event = KEYS.indexOf(press.digit.toUpperCase());
  if (press.digit.length !== 1 || event < 0) {
    throw new Error(`keyPressPackets: "${press.digit}" is not a key (0-9, *, #, A-D)`);
  }
  const steps = press.steps ?? 5;
  const packets: Buffer[] = [];
  const packet = (index: number, duration: number, end: boolean): Buffer => {
    const bytes = Buffer.alloc(16);
    bytes[0] = 0x80;
    bytes[1] = (index === 0 ? 0x80 : 0) | TELEPHONE_EVENT_PT;
    bytes.writeUInt16BE((press.sequence + index) & 0xffff, 2);
    bytes.writeUInt32BE(press.timestamp >>> 0, 4);
    bytes.writeUInt32BE(press.ssrc >>> 0, 8);
    bytes[12] = event;
    bytes[13] = (end ? 0x80 : 0) | 10; // E bit, volume -10 dBm0
    bytes.writeUInt16BE(duration, 14);
    return bytes;
  };
  for (let i = 0; i < steps; i++) packets.push(packet(i, (i + 1) * 160, false));
  for (let i = 0; i < 3; i++) packets.push(packet(steps + i, (steps + 1) * 160, true));
  return packets;
}
