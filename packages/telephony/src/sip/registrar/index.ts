export { addressOfRecord } from './addresses.ts';
export { type Binding, type BindingPolicy } from './binding-store.ts';
export { RegisterRejected } from './register-request.ts';
export {
  DEFAULT_BINDING_POLICY,
  Registrar,
  type RegisteredContact,
  type RegisterOutcome,
  type RegistrarOptions,
} from './registrar.ts';
