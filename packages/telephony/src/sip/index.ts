// The SIP stack: messages, transactions, transports, digest authentication and the endpoint.
export * from './auth/index.ts';
export * from './dialog/index.ts';
export * from './endpoint/index.ts';
export * from './message/index.ts';
export * from './registrar/index.ts';
export * from './transaction/index.ts';
export * from './transport/index.ts';
