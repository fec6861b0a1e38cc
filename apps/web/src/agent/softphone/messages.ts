// The softphone panel's messages.
export const softphoneEn = {
  'softphone.title': 'Phone',
  'softphone.state.unregistered': 'Not connected',
  'softphone.state.registering': 'Connecting…',
  'softphone.state.registered': 'Ready for calls',
  'softphone.state.error': 'Not connected: {cause}',
  'softphone.cause.auth': 'the server refused the phone credentials',
  'softphone.cause.connection': 'the telephony server cannot be reached',
  'softphone.cause.timeout': 'the telephony server did not answer',
  'softphone.ringing': 'Incoming call from {caller}',
  'softphone.answering': 'Answering {caller}…',
  'softphone.active': 'On a call with {caller}',
  'softphone.answer': 'Answer',
  'softphone.hangUp': 'Hang up',
  'softphone.decline': 'Decline',
  'softphone.mute': 'Mute',
  'softphone.unmute': 'Unmute',
  'softphone.muted': 'Microphone off: the caller does not hear you',
  'softphone.keypad': 'Keypad',
  'softphone.autoAnswer': 'Answer calls automatically',
  'softphone.socketDown':
    'Connection to the telephony server lost: trying again by itself. Calls cannot ring meanwhile.',
  'softphone.retry': 'Try again now',
  'softphone.microphone':
    'The browser refused the microphone, so the call could not be answered: allow the microphone for this site (the icon in the address bar), then answer the next call.',
  'softphone.dismiss': 'OK',
  'softphone.unavailable.NoSipUser':
    'No phone account is set for you: ask an administrator to give your agent a SIP user and password.',
  'softphone.unavailable.NoWebSocket':
    'The server does not accept the browser phone (no SIP WebSocket port): ask an administrator.',
  'softphone.unavailable.failed': 'Your phone credentials could not be fetched: {message}',
};

export const softphoneFr: Record<keyof typeof softphoneEn, string> = {
  'softphone.title': 'Téléphone',
  'softphone.state.unregistered': 'Non connecté',
  'softphone.state.registering': 'Connexion…',
  'softphone.state.registered': 'Prêt à recevoir des appels',
  'softphone.state.error': 'Non connecté : {cause}',
  'softphone.cause.auth': 'le serveur a refusé les identifiants du téléphone',
  'softphone.cause.connection': 'le serveur téléphonique est injoignable',
  'softphone.cause.timeout': 'le serveur téléphonique ne répond pas',
  'softphone.ringing': 'Appel entrant de {caller}',
  'softphone.answering': 'Réponse à {caller}…',
  'softphone.active': 'En communication avec {caller}',
  'softphone.answer': 'Répondre',
  'softphone.hangUp': 'Raccrocher',
  'softphone.decline': 'Refuser',
  'softphone.mute': 'Couper le micro',
  'softphone.unmute': 'Rétablir le micro',
  'softphone.muted': "Micro coupé : l'appelant ne vous entend pas",
  'softphone.keypad': 'Clavier',
  'softphone.autoAnswer': 'Répondre automatiquement aux appels',
  'softphone.socketDown':
    'Connexion au serveur téléphonique perdue : nouvel essai automatique en cours. Aucun appel ne peut sonner en attendant.',
  'softphone.retry': 'Réessayer maintenant',
  'softphone.microphone':
    "Le navigateur a refusé le micro, l'appel n'a pas pu être pris : autorisez le micro pour ce site (icône dans la barre d'adresse), puis répondez à l'appel suivant.",
  'softphone.dismiss': 'Compris',
  'softphone.unavailable.NoSipUser':
    "Aucun compte téléphonique n'est configuré pour vous : demandez à un administrateur de donner un utilisateur et un mot de passe SIP à votre agent.",
  'softphone.unavailable.NoWebSocket':
    "Le serveur n'accepte pas le téléphone du navigateur (pas de port WebSocket SIP) : prévenez un administrateur.",
  'softphone.unavailable.failed':
    "Vos identifiants téléphoniques n'ont pas pu être obtenus : {message}",
};
