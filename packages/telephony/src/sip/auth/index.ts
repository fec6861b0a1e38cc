export { parseAuthHeader, serializeAuthHeader, type AuthHeader } from './auth-params.ts';
export { digestHash, digestResponse, type DigestAlgorithm, type DigestInput } from './digest.ts';
export { DigestClient, type DigestCredentials } from './digest-client.ts';
export {
  DigestServer,
  type DigestRejection,
  type DigestServerOptions,
  type DigestVerdict,
} from './digest-server.ts';
export { NonceIssuer, type NonceCheck } from './nonce.ts';
