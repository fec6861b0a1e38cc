// The softphone panel's messages.
export const softphoneEn = {
  'softphone.title': 'Phone',
  'softphone.state.unregistered': 'Not connected',
  'softphone.state.registering': 'Connecting…',
  'softphone.state.registered': 'Ready for calls',
  'softphone.state.error': 'Not connected: {cause}',
  'softphone.ringing': 'Incoming call from {caller}',
  'softphone.answering': 'Answering {caller}…',
  'softphone.active': 'On a call with {caller}',
  'softphone.answer': 'Answer',
  'softphone.hangUp': 'Hang up',
  'softphone.decline': 'Decline',
};

export const softphoneFr: Record<keyof typeof softphoneEn, string> = {
  'softphone.title': 'Téléphone',
  'softphone.state.unregistered': 'Non connecté',
  'softphone.state.registering': 'Connexion…',
  'softphone.state.registered': 'Prêt à recevoir des appels',
  'softphone.state.error': 'Non connecté : {cause}',
  'softphone.ringing': 'Appel entrant de {caller}',
  'softphone.answering': 'Réponse à {caller}…',
  'softphone.active': 'En communication avec {caller}',
  'softphone.answer': 'Répondre',
  'softphone.hangUp': 'Raccrocher',
  'softphone.decline': 'Refuser',
};
