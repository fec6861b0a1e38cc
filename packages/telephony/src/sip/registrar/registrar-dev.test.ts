import { describe, expect, it } from 'vitest';
import { parseRegistrarDevArgs } from './registrar-dev.ts';

describe('registrar dev launcher', () => {
  it('[REG11] reads its flags', () => {
    expect(
      parseRegistrarDevArgs([
        '--user=agent-7:s3cret:with:colons',
        '--user=agent-8:x',
        '--ws-port=8089',
        '--udp-port=5060',
        '--realm=relais.example.com',
        '--algorithms=MD5',
        '--relay-calls',
      ]),
    ).toEqual({
      host: '127.0.0.1',
      udpPort: 5060,
      tcpPort: 0,
      wsPort: 8089,
      realm: 'relais.example.com',
      users: new Map([
        ['agent-7', 's3cret:with:colons'],
        ['agent-8', 'x'],
      ]),
      algorithms: ['MD5'],
      relayCalls: true,
    });
    expect(parseRegistrarDevArgs(['--user=a:b', '--host=10.0.0.5']).realm).toBe('10.0.0.5');
  });

  it('[REG11] refuses unknown or malformed flags with the usage', () => {
    for (const [args, problem] of [
      [[], /at least one --user/],
      [['--user=agent-7'], /--user takes NAME:PASSWORD, not "agent-7"/],
      [['--user=:pw'], /NAME:PASSWORD/],
      [['--user=a:b', '--ws-port=70000'], /--ws-port takes a port number/],
      [['--user=a:b', '--tcp-port=x'], /--tcp-port takes a port number/],
      [['--user=a:b', '--algorithms=SHA-512'], /--algorithms takes MD5 and SHA-256/],
      [['--user=a:b', '--realm='], /--host and --realm need a value/],
      [['--user=a:b', 'stray'], /unknown argument "stray"/],
      [['--user=a:b', '--verbose=1'], /unknown argument "--verbose=1"/],
    ] as const) {
      expect(() => parseRegistrarDevArgs(args), args.join(' ')).toThrow(problem);
      expect(() => parseRegistrarDevArgs(args)).toThrow(/usage: registrar-dev/);
    }
  });
});
