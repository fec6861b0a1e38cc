import { describe, expect, it } from 'vitest';
import { parseDevArgs } from './rtpengine-dev.ts';

describe('rtpengine dev launcher', () => {
  it('[MED7] reads its flags', () => {
    expect(parseDevArgs([])).toEqual({});
    expect(
      parseDevArgs([
        '--ng-port=2223',
        '--port-min=30000',
        '--port-max=30099',
        '--log-level=7',
        '--address=127.0.0.1',
        '--binary=/opt/rtpengine',
      ]),
    ).toEqual({
      ngPort: 2223,
      portMin: 30000,
      portMax: 30099,
      logLevel: 7,
      address: '127.0.0.1',
      binary: '/opt/rtpengine',
    });
  });

  it('[MED7] refuses unknown or malformed flags with the usage', () => {
    for (const [args, problem] of [
      [['--ng-port'], /unknown argument "--ng-port"/],
      [['--ngport=1'], /unknown argument/],
      [['--ng-port=abc'], /takes a whole number, not "abc"/],
      [['--port-min=-5'], /takes a whole number/],
      [['--log-level=9'], /from 0 to 7/],
      [['stray'], /unknown argument "stray"/],
      [['--address'], /--address needs a value/],
    ] as const) {
      expect(() => parseDevArgs(args), args.join(' ')).toThrow(problem);
      expect(() => parseDevArgs(args)).toThrow(/usage: rtpengine-dev/);
    }
  });
});
