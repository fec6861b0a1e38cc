// WAV files built in tests (no binary fixtures): a sine tone as 16-bit PCM or as G.711 u-law.

export interface ToneOptions {
  readonly seconds: number;
  readonly sampleRate?: number;
  readonly hz?: number;
  readonly format?: 'pcm16' | 'mulaw';
}

/** A mono WAV file holding a sine tone. */
export function makeToneWav(options: ToneOptions): Buffer {
  const rate = options.sampleRate ?? 8000;
  const hz = options.hz ?? 440;
  const count = Math.round(rate * options.seconds);
  const samples = Array.from({ length: count }, (_, i) =>
    Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / rate)),
  );
  const mulaw = options.format === 'mulaw';
  const data = mulaw ? Buffer.from(samples.map(linearToMulaw)) : pcm16(samples);
  const bits = mulaw ? 8 : 16;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(mulaw ? 7 : 1, 20); // 1 = PCM, 7 = u-law
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE((rate * bits) / 8, 28);
  header.writeUInt16LE(bits / 8, 32);
  header.writeUInt16LE(bits, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

function pcm16(samples: readonly number[]): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((sample, i) => data.writeInt16LE(sample, i * 2));
  return data;
}

// G.711 u-law (ITU-T G.711), bias 0x84 and clip 32635, as the standard defines them.
function linearToMulaw(sample: number): number {
  const sign = sample < 0 ? 0x80 : 0;
  let magnitude = Math.min(Math.abs(sample), 32635) + 0x84;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent -= 1;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  magnitude = ~(sign | (exponent << 4) | mantissa);
  return magnitude & 0xff;
}
