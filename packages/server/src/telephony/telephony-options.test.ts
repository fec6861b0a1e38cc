import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FRENCH_PROMPTS_DIR, POSITION_PROMPT_NAMES } from '@relais/telephony';
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
        'rtpengine-dtmf-port': '2224',
      }),
    ).toMatchObject({
      dtmfLogPort: 2224,
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
      [{ ...base, 'rtpengine-dtmf-port': '0' }, /--rtpengine-dtmf-port: expected the UDP port/],
      [{ ...base, 'rtpengine-dtmf-port': 'off' }, /--rtpengine-dtmf-port: expected the UDP port/],
      [{ ...base, 'rtpengine-dtmf-port': '99999' }, /--rtpengine-dtmf-port: expected a port/],
      [{ 'rtpengine-dtmf-port': '2224' }, /--rtpengine-dtmf-port needs --sip-host/],
    ];
    for (const [flags, message] of cases) {
      expect(() => telephonyOptionsFromFlags(flags), JSON.stringify(flags)).toThrow(message);
    }
  });
});

describe('the prompts folder of relais serve', () => {
  it('[POS5] --prompts takes a folder holding every position prompt (a copy of the package’s), and refuses one that lacks any, saying which and how to fix it', () => {
    expect(telephonyOptionsFromFlags({ ...base, prompts: FRENCH_PROMPTS_DIR })).toMatchObject({
      promptsDir: FRENCH_PROMPTS_DIR,
    });
    expect(telephonyOptionsFromFlags(base)).not.toHaveProperty('promptsDir');
    const partial = mkdtempSync(join(tmpdir(), 'relais-prompts-'));
    for (const name of POSITION_PROMPT_NAMES.slice(2)) {
      copyFileSync(join(FRENCH_PROMPTS_DIR, `${name}.wav`), join(partial, `${name}.wav`));
    }
    const [first, second] = POSITION_PROMPT_NAMES;
    expect(() => telephonyOptionsFromFlags({ ...base, prompts: partial })).toThrow(
      `--prompts: "${partial}" lacks 2 of the ${POSITION_PROMPT_NAMES.length} position prompts (${first}.wav, ${second}.wav…); copy packages/telephony/prompts/fr there`,
    );
    expect(() => telephonyOptionsFromFlags({ ...base, prompts: '/nonexistent' })).toThrow(
      /--prompts: "\/nonexistent" lacks/,
    );
  });
});
