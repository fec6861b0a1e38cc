export * from './port.ts';
export { StoreError, type StoreErrorCode } from './errors.ts';
