// A UDP peer standing where rtpengine would, for tests of the client side: it records the ng
// requests it gets and answers as each test scripts it (or not at all).
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { decodeBencode, encodeBencode, type BencodeDictionary } from '../bencode.ts';

/** A UDP peer standing where rtpengine would: it records requests and answers as told. */
export class ScriptedPeer {
  readonly requests: { cookie: string; body: BencodeDictionary; raw: Buffer; from: RemoteInfo }[] =
    [];
  onRequest: (request: ScriptedPeer['requests'][number], peer: ScriptedPeer) => void = () => {};

  private constructor(
    readonly socket: Socket,
    readonly port: number,
  ) {
    socket.on('message', (raw, from) => {
      const space = raw.indexOf(0x20);
      const request = {
        cookie: raw.subarray(0, space).toString('latin1'),
        body: decodeBencode(raw.subarray(space + 1)) as BencodeDictionary,
        raw,
        from,
      };
      this.requests.push(request);
      this.onRequest(request, this);
    });
  }

  static async open(): Promise<ScriptedPeer> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    return new ScriptedPeer(socket, socket.address().port);
  }

  reply(to: { cookie: string; from: RemoteInfo }, body: BencodeDictionary | Buffer): void {
    const payload = Buffer.isBuffer(body) ? body : encodeBencode(body);
    const datagram = Buffer.concat([Buffer.from(`${to.cookie} `), payload]);
    this.socket.send(datagram, to.from.port, to.from.address);
  }

  sendRaw(to: RemoteInfo, datagram: Buffer): void {
    this.socket.send(datagram, to.port, to.address);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
