// The page of the softphone browser test: the desktop's SoftphonePanel over JsSIP, started with
// the configuration the test passes to window.startSoftphone. Bundled by softphone-bundle.ts.
import { createRoot } from 'react-dom/client';
import { I18nProvider } from '../src/i18n/i18n.tsx';
import { jsSipAgent } from '../src/agent/softphone/jssip-agent.ts';
import type { SoftphoneConfig } from '../src/agent/softphone/sip-agent.ts';
import { Softphone, type SoftphoneState } from '../src/agent/softphone/softphone.ts';
import { SoftphonePanel } from '../src/agent/softphone/softphone-panel.tsx';

declare global {
  interface Window {
    startSoftphone(config: SoftphoneConfig): void;
    softphoneState(): SoftphoneState | undefined;
    /** Whether the far end's audio element is playing a live stream. */
    remoteAudioLive(): boolean;
    /** RTP packets received and sent by the page's peer connections (from getStats). */
    rtpCounts(): Promise<{ received: number; sent: number }>;
  }
}

// Every peer connection JsSIP opens, kept to read its statistics.
const connections: RTCPeerConnection[] = [];
const Native = window.RTCPeerConnection;
window.RTCPeerConnection = class extends Native {
  constructor(configuration?: RTCConfiguration) {
    super(configuration);
    connections.push(this);
  }
};

const audio = new Audio();
let phone: Softphone | undefined;

window.startSoftphone = (config) => {
  phone = new Softphone(jsSipAgent(config, audio));
  const root = document.getElementById('root');
  if (root === null) throw new Error('no #root');
  createRoot(root).render(
    <I18nProvider locale="en" onLocale={() => undefined}>
      <SoftphonePanel softphone={phone} />
    </I18nProvider>,
  );
};
window.softphoneState = () => phone?.getState();
window.remoteAudioLive = () => {
  const stream = audio.srcObject;
  return (
    stream instanceof MediaStream && stream.getAudioTracks().some((t) => t.readyState === 'live')
  );
};
window.rtpCounts = async () => {
  let received = 0;
  let sent = 0;
  for (const connection of connections) {
    const stats = await connection.getStats();
    stats.forEach((entry: { type: string; packetsReceived?: number; packetsSent?: number }) => {
      if (entry.type === 'inbound-rtp') received += entry.packetsReceived ?? 0;
      if (entry.type === 'outbound-rtp') sent += entry.packetsSent ?? 0;
    });
  }
  return { received, sent };
};
