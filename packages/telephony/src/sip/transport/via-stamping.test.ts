import { describe, expect, it } from 'vitest';
import { headerValue } from '../message/message.ts';
import { buildResponse } from '../message/response.ts';
import { makeRequest } from '../testing/transaction-builders.ts';
import { responseDestination, stampVia } from './via-stamping.ts';

const udp = (address: string, port: number) => ({ protocol: 'udp' as const, address, port });

describe('Via stamping', () => {
  it('[TP2] leaves the Via alone when it names the source and asks no rport', () => {
    const request = makeRequest({ via: 'SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK-a' });
    expect(stampVia(request, udp('192.0.2.10', 5062))).toBe(request);
  });

  it('[TP2] adds received for another source address, and rport with the source port when asked', () => {
    const plain = stampVia(
      makeRequest({ via: 'SIP/2.0/UDP phone.example.com;branch=z9hG4bK-a' }),
      udp('198.51.100.7', 40000),
    );
    expect(headerValue(plain, 'via')).toBe(
      'SIP/2.0/UDP phone.example.com;branch=z9hG4bK-a;received=198.51.100.7',
    );
    const nat = stampVia(
      makeRequest({ via: 'SIP/2.0/UDP 10.0.0.2:5060;rport;branch=z9hG4bK-b' }),
      udp('198.51.100.7', 40000),
    );
    expect(headerValue(nat, 'via')).toBe(
      'SIP/2.0/UDP 10.0.0.2:5060;rport=40000;branch=z9hG4bK-b;received=198.51.100.7',
    );
  });

  it('[TP2] sends UDP responses to received:rport, else the Via port or 5060; TCP ones on their connection', () => {
    const nat = stampVia(
      makeRequest({ via: 'SIP/2.0/UDP 10.0.0.2:5070;rport;branch=z9hG4bK-b' }),
      udp('198.51.100.7', 40000),
    );
    expect(responseDestination(buildResponse(nat, 200), udp('198.51.100.7', 40000))).toEqual(
      udp('198.51.100.7', 40000),
    );
    const noRport = stampVia(
      makeRequest({ via: 'SIP/2.0/UDP 10.0.0.2:5070;branch=z9hG4bK-c' }),
      udp('198.51.100.7', 40000),
    );
    expect(responseDestination(buildResponse(noRport, 200), udp('198.51.100.7', 40000))).toEqual(
      udp('198.51.100.7', 5070),
    );
    const noPort = makeRequest({ via: 'SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-d' });
    expect(responseDestination(buildResponse(noPort, 200), udp('192.0.2.1', 1234))).toEqual(
      udp('192.0.2.1', 5060),
    );
    const tcp = { protocol: 'tcp' as const, address: '192.0.2.1', port: 33000 };
    expect(responseDestination(buildResponse(noPort, 200), tcp)).toBe(tcp);
  });
});
