import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { telephonyOptionsFromFlags, type TelephonyFlags } from './telephony-options.ts';

const music = join(mkdtempSync(join(tmpdir(), 'relais-opts-')), 'hold.wav');
writeFileSync(music, 'RIFF');
const base: TelephonyFlags = { 'sip-host': '192.0.2.5', 'hold-music': music };

describe('telephony options of relais serve', () => {
  it('[TEL12] are off without any SIP flag, and default to UDP and TCP on 5060 with an rtpengine started', () => {
    expect(telephonyOptionsFromFlags({})).toBeUndefined();
    expect(telephonyOptionsFromFlags(base)).toEqual({
      host: '192.0.2.5',
      udpPort: 5060,
      tcpPort: 5060,
      wsPort: false,
      rtpengine: { start: true },
      holdMusicFile: music,
    });
    expect(
      telephonyOptionsFromFlags({
        ...base,
        'sip-udp-port': 'off',
        'sip-tcp-port': '5070',
        'sip-ws-port': '8088',
        rtpengine: '127.0.0.1:2223',
        'sip-realm': 'pbx.example.com',
      }),
    ).toMatchObject({
      udpPort: false,
      tcpPort: 5070,
      wsPort: 8088,
      rtpengine: { host: '127.0.0.1', port: 2223 },
      realm: 'pbx.example.com',
    });
  });

  it('[TEL12] refuse bad values, saying which flag and what it takes', () => {
    const cases: Array<[TelephonyFlags, RegExp]> = [
      [{ 'sip-udp-port': '5060' }, /--sip-udp-port needs --sip-host/],
      [{ ...base, 'sip-host': '0.0.0.0' }, /--sip-host: .*not 0\.0\.0\.0/],
      [{ ...base, 'sip-host': 'pbx.example.com' }, /--sip-host: expected this server's IPv4/],
      [{ ...base, 'sip-udp-port': '70000' }, /--sip-udp-port: expected a port from 0 to 65535/],
      [{ ...base, 'sip-tcp-port': '-1' }, /--sip-tcp-port: expected a port/],
      [{ ...base, 'sip-ws-port': 'eighty' }, /--sip-ws-port: expected a port/],
      [{ ...base, 'sip-udp-port': 'off', 'sip-tcp-port': 'off' }, /all are off; open at least one/],
      [{ ...base, rtpengine: 'localhost:2223' }, /--rtpengine: expected "start" .* IPV4:PORT/],
      [{ ...base, rtpengine: '127.0.0.1:0' }, /--rtpengine: expected/],
      [{ ...base, rtpengine: '127.0.0.1' }, /--rtpengine: expected/],
      [{ 'sip-host': '192.0.2.5' }, /--hold-music FILE is needed/],
      [{ ...base, 'hold-music': '/nonexistent/hold.wav' }, /--hold-music: no file at/],
      [{ ...base, 'sip-realm': 'a realm' }, /--sip-realm: expected a domain name/],
    ];
    for (const [flags, message] of cases) {
      expect(() => telephonyOptionsFromFlags(flags), JSON.stringify(flags)).toThrow(message);
    }
  });

  it('[SPD2] --sip-ws-url gives browsers the WebSocket through a proxy; bad URLs and a missing port are refused', () => {
    const ws = { ...base, 'sip-ws-port': '8088' };
    expect(telephonyOptionsFromFlags(ws)).not.toHaveProperty('wsUrl');
    for (const url of ['wss://relais.example.com/sip', 'ws://192.0.2.5:8088']) {
      expect(telephonyOptionsFromFlags({ ...ws, 'sip-ws-url': url })).toMatchObject({ wsUrl: url });
    }
    const cases: Array<[TelephonyFlags, RegExp]> = [
      [{ ...ws, 'sip-ws-url': 'https://relais.example.com/sip' }, /--sip-ws-url: expected .* wss:/],
      [{ ...ws, 'sip-ws-url': 'relais.example.com/sip' }, /--sip-ws-url: expected/],
      [{ ...ws, 'sip-ws-url': 'wss://relais.example.com/sip#x' }, /--sip-ws-url: expected/],
      [{ ...ws, 'sip-ws-url': '' }, /--sip-ws-url: expected/],
      [
        { ...base, 'sip-ws-url': 'wss://relais.example.com/sip' },
        /--sip-ws-url needs --sip-ws-port/,
      ],
    ];
    for (const [flags, message] of cases) {
      expect(() => telephonyOptionsFromFlags(flags), JSON.stringify(flags)).toThrow(message);
    }
  });
});
