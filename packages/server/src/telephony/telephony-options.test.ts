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
      rtpengine: { start: true, ports: { min: 20_000, max: 29_999 } },
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

  const trunk: TelephonyFlags = {
    ...base,
    'sip-trunk': '198.51.100.20:5080',
    'identification-message': music,
  };

  it('[TEL27] --rtpengine-ports sets the started rtpengine’s media ports (default 20000-29999); bad ranges and a running rtpengine are refused', () => {
    expect(
      telephonyOptionsFromFlags({ ...base, 'rtpengine-ports': '40000-40999' })?.rtpengine,
    ).toEqual({ start: true, ports: { min: 40_000, max: 40_999 } });
    const cases: Array<[TelephonyFlags, RegExp]> = [
      [{ ...base, 'rtpengine-ports': '40000' }, /--rtpengine-ports: expected MIN-MAX/],
      [{ ...base, 'rtpengine-ports': '1000-2000' }, /1024 <= MIN/],
      [{ ...base, 'rtpengine-ports': '40000-40002' }, /MIN \+ 3 <= MAX/],
      [{ ...base, 'rtpengine-ports': '40000-70000' }, /got "40000-70000"/],
      [{ ...base, 'rtpengine-ports': 'lots' }, /got "lots"/],
      [
        { ...base, rtpengine: '127.0.0.1:2223', 'rtpengine-ports': '40000-40999' },
        /--rtpengine-ports is for the rtpengine Relais starts/,
      ],
    ];
    for (const [flags, message] of cases) {
      expect(() => telephonyOptionsFromFlags(flags), JSON.stringify(flags)).toThrow(message);
    }
  });

  it('[TEL22] a SIP trunk from its flags, the password from RELAIS_SIP_TRUNK_PASSWORD', () => {
    expect(telephonyOptionsFromFlags(trunk)?.trunk).toEqual({
      settings: {
        destination: { protocol: 'udp', address: '198.51.100.20', port: 5080 },
        domain: '198.51.100.20',
      },
      identificationFile: music,
    });
    const full = telephonyOptionsFromFlags(
      {
        ...trunk,
        'sip-trunk-transport': 'tcp',
        'sip-trunk-domain': 'sip.provider.example',
        'sip-trunk-user': '0170000000',
        'sip-trunk-register': '600',
        'sip-trunk-amd-header': 'X-AMD-Result',
      },
      { RELAIS_SIP_TRUNK_PASSWORD: 'p4ss' },
    );
    expect(full?.trunk?.settings).toEqual({
      destination: { protocol: 'tcp', address: '198.51.100.20', port: 5080 },
      domain: 'sip.provider.example',
      fromUser: '0170000000',
      credentials: { username: '0170000000', password: 'p4ss' },
      registerExpiresS: 600,
      amdHeader: 'X-AMD-Result',
    });
  });

  it('[TEL22] refuse bad trunk flags, saying which flag and what it takes', () => {
    const withPassword = { RELAIS_SIP_TRUNK_PASSWORD: 'p4ss' };
    const cases: Array<[TelephonyFlags, Record<string, string>, RegExp]> = [
      [{ ...base, 'sip-trunk-user': 'u' }, {}, /--sip-trunk-user needs --sip-trunk/],
      [{ 'sip-trunk': '198.51.100.20' }, {}, /--sip-trunk needs --sip-host/],
      [{ ...trunk, 'sip-trunk': 'sip.provider.example' }, {}, /--sip-trunk: trunk address/],
      [{ ...trunk, 'sip-trunk-transport': 'tls' }, {}, /--sip-trunk-transport: .*"udp" or "tcp"/],
      [{ ...trunk, 'sip-trunk-domain': 'a b' }, {}, /--sip-trunk-domain: /],
      [{ ...trunk, 'sip-trunk-user': 'u' }, {}, /RELAIS_SIP_TRUNK_PASSWORD/],
      [{ ...trunk, 'sip-trunk-user': 'a b' }, withPassword, /--sip-trunk-user: /],
      [{ ...trunk, 'sip-trunk-register': '600' }, {}, /--sip-trunk-register: .*needs the account/],
      [{ ...trunk, 'sip-trunk-user': 'u', 'sip-trunk-register': '5' }, withPassword, /60 to 86400/],
      [{ ...trunk, 'sip-trunk-amd-header': 'X AMD' }, {}, /--sip-trunk-amd-header: /],
      [{ ...base, 'sip-trunk': '198.51.100.20' }, {}, /--identification-message FILE/],
      [{ ...trunk, 'identification-message': '/nonexistent.wav' }, {}, /no file at/],
      [{ ...trunk, 'sip-udp-port': 'off' }, {}, /--sip-udp-port is off/],
    ];
    for (const [flags, env, message] of cases) {
      expect(() => telephonyOptionsFromFlags(flags, env), JSON.stringify(flags)).toThrow(message);
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
