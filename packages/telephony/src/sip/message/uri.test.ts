import { describe, expect, it } from 'vitest';
import { parseNameAddr, serializeNameAddr } from './name-addr.ts';
import { paramValue } from './params.ts';
import { parseUri, serializeUri, UriError } from './uri.ts';
import { branchOf, parseVia, serializeVia } from './via.ts';

describe('URIs', () => {
  it('[URI1] reads sip: user, password, host, port, parameters and headers', () => {
    const uri = parseUri('sip:alice:secret@relais.example.com:5070;transport=tcp;lr?subject=x&h=y');
    expect(uri).toMatchObject({
      scheme: 'sip',
      user: 'alice',
      password: 'secret',
      host: 'relais.example.com',
      port: 5070,
      params: [
        ['transport', 'tcp'],
        ['lr', null],
      ],
      headers: [
        ['subject', 'x'],
        ['h', 'y'],
      ],
    });
  });

  it('[URI1] reads sips:, IPv6 references and tel: numbers', () => {
    expect(parseUri('SIPS:[2001:db8::1]:5061')).toMatchObject({
      scheme: 'sips',
      host: '[2001:db8::1]',
      port: 5061,
    });
    expect(parseUri('tel:+1-212-555-0101;ext=42')).toMatchObject({
      scheme: 'tel',
      number: '+1-212-555-0101',
      params: [['ext', '42']],
    });
  });

  it('[URI1] writes back what it read', () => {
    for (const text of [
      'sip:alice:secret@relais.example.com:5070;transport=tcp;lr?subject=x&h=y',
      'sips:[2001:db8::1]:5061',
      'sip:192.0.2.4',
      'tel:+33-1-55-55-01-01;phone-context=+33',
    ]) {
      expect(serializeUri(parseUri(text))).toBe(text.replace('SIPS', 'sips'));
    }
  });

  it('[URI1] refuses malformed URIs with a typed error', () => {
    for (const text of [
      'nocolon',
      'sip:',
      'sip:a@b@c',
      'sip:@host',
      'sip:host:',
      'sip:host:70000',
      'sip:[::1',
      'sip:ho st',
      'tel:',
      'tel:12z;x',
      'sip:host;=v',
      'sip:host?noeq',
    ]) {
      expect(() => parseUri(text), text).toThrow(UriError);
    }
    expect(() => parseUri('http://example.com')).toThrow(
      expect.objectContaining({ code: 'unsupported-scheme' }),
    );
  });
});

describe('header values', () => {
  it('[HDR1] reads name-addr and addr-spec forms; addr-spec parameters belong to the header', () => {
    expect(
      parseNameAddr('"Agent, 7" <sip:a7@relais.example.com;transport=udp>;tag=9f;expires=60'),
    ).toEqual({
      displayName: '"Agent, 7"',
      uri: 'sip:a7@relais.example.com;transport=udp',
      params: [
        ['tag', '9f'],
        ['expires', '60'],
      ],
    });
    expect(parseNameAddr('Bob <sip:bob@example.com>')).toMatchObject({ displayName: 'Bob' });
    expect(parseNameAddr('sip:bob@example.com;tag=77')).toEqual({
      uri: 'sip:bob@example.com',
      params: [['tag', '77']],
    });
    expect(parseNameAddr('*')).toEqual({ uri: '*', params: [] });
    expect(serializeNameAddr(parseNameAddr('sip:bob@example.com;tag=77')!)).toBe(
      '<sip:bob@example.com>;tag=77',
    );
    for (const bad of ['', '"open <sip:a@b>', '<sip:a@b', 'Name <>', '<sip:a@b>;=x']) {
      expect(parseNameAddr(bad), bad).toBeUndefined();
    }
  });

  it('[HDR1] reads Via with transport, sent-by, branch, rport and received', () => {
    const via = parseVia(
      'SIP/2.0/udp 192.0.2.4:5062;branch=z9hG4bK776;rport;received=198.51.100.1',
    )!;
    expect(via).toMatchObject({ transport: 'UDP', host: '192.0.2.4', port: 5062 });
    expect(branchOf(via)).toBe('z9hG4bK776');
    expect(paramValue(via.params, 'rport')).toBeNull();
    expect(serializeVia(via)).toBe(
      'SIP/2.0/UDP 192.0.2.4:5062;branch=z9hG4bK776;rport;received=198.51.100.1',
    );
    expect(parseVia('SIP/2.0/TCP [2001:db8::2]')).toMatchObject({ host: '[2001:db8::2]' });
    for (const bad of [
      'SIP/2.0 UDP a',
      'SIP/3.0/UDP a',
      'SIP/2.0/UDP',
      'SIP/2.0/UDP a:99999',
      'SIP/2.0/UDP a;',
    ]) {
      expect(parseVia(bad), bad).toBeUndefined();
    }
  });
});
