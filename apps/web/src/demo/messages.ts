// The demo bar's messages (shown only when the server runs `relais serve --demo`).
export const demoEn = {
  'demo.label': 'Demo',
  'demo.status': 'Demo — simulated time {time}, speed {speed}×',
  'demo.day': 'day {day}',
  'demo.onShift': '{count} simulated agents on shift',
  'demo.paused': 'paused',
  'demo.speed': 'Speed',
  'demo.speedOption': '{speed}×',
  'demo.pause': 'Pause',
  'demo.resume': 'Resume',
  'demo.failed': 'Not changed: {message}',
} as const;

export const demoFr: Record<keyof typeof demoEn, string> = {
  'demo.label': 'Démo',
  'demo.status': 'Démo — heure simulée {time}, vitesse {speed}×',
  'demo.day': 'jour {day}',
  'demo.onShift': '{count} agents simulés en poste',
  'demo.paused': 'en pause',
  'demo.speed': 'Vitesse',
  'demo.speedOption': '{speed}×',
  'demo.pause': 'Pause',
  'demo.resume': 'Reprendre',
  'demo.failed': 'Non modifié : {message}',
};
