export * from './common.ts';
export * from './config.ts';
export * from './actions.ts';
export * from './auth.ts';
export * from './stream.ts';
export * from './events.ts';
export * from './views.ts';
export * from './wallboard.ts';
