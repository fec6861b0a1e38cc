// The SIP trunk flags of `relais serve` (README of @relais/telephony, "Connecting a SIP trunk"):
// with `--sip-trunk` the live dialer places real calls through the trunk instead of simulating
// the called party. The password comes from the environment, not a flag (flags show in `ps`).
import { existsSync, statSync } from 'node:fs';
import { trunkSettings, TrunkSettingsError, type TrunkSettings } from '@relais/telephony';

export interface TrunkOptions {
  readonly settings: TrunkSettings;
  /** The identification message played to a callee whose call is dropped (COMPLIANCE.md). */
  readonly identificationFile: string;
}

export interface TrunkFlags {
  'sip-trunk'?: string;
  'sip-trunk-transport'?: string;
  'sip-trunk-domain'?: string;
  'sip-trunk-user'?: string;
  'sip-trunk-register'?: string;
  'sip-trunk-amd-header'?: string;
  'identification-message'?: string;
}

export const TRUNK_FLAG_NAMES = [
  'sip-trunk',
  'sip-trunk-transport',
  'sip-trunk-domain',
  'sip-trunk-user',
  'sip-trunk-register',
  'sip-trunk-amd-header',
  'identification-message',
] as const;

/** The environment variable holding the trunk account's password. */
export const TRUNK_PASSWORD_ENV = 'RELAIS_SIP_TRUNK_PASSWORD';

const FLAG_OF: Record<string, string> = {
  address: 'sip-trunk',
  transport: 'sip-trunk-transport',
  domain: 'sip-trunk-domain',
  username: 'sip-trunk-user',
  register: 'sip-trunk-register',
  amdHeader: 'sip-trunk-amd-header',
};

export class TrunkOptionError extends Error {
  override readonly name = 'TrunkOptionError';
}

/** The trunk from the flags; undefined without `--sip-trunk`. Bad values throw TrunkOptionError. */
export function trunkOptionsFromFlags(
  flags: TrunkFlags,
  env: Readonly<Record<string, string | undefined>>,
): TrunkOptions | undefined {
  const address = flags['sip-trunk'];
  if (address === undefined) {
    const stray = TRUNK_FLAG_NAMES.find((name) => flags[name] !== undefined);
    if (stray !== undefined) {
      throw new TrunkOptionError(`--${stray} needs --sip-trunk IPV4[:PORT] (the trunk's address)`);
    }
    return undefined;
  }
  const username = flags['sip-trunk-user'];
  const password = env[TRUNK_PASSWORD_ENV];
  if (username !== undefined && (password === undefined || password === '')) {
    throw new TrunkOptionError(
      `--sip-trunk-user needs the account's password in the environment variable ${TRUNK_PASSWORD_ENV}`,
    );
  }
  let settings: TrunkSettings;
  try {
    settings = trunkSettings({
      address,
      ...(flags['sip-trunk-transport'] === undefined
        ? {}
        : { transport: flags['sip-trunk-transport'] }),
      ...(flags['sip-trunk-domain'] === undefined ? {} : { domain: flags['sip-trunk-domain'] }),
      ...(username === undefined ? {} : { username, password: password as string }),
      ...(flags['sip-trunk-register'] === undefined
        ? {}
        : { register: flags['sip-trunk-register'] }),
      ...(flags['sip-trunk-amd-header'] === undefined
        ? {}
        : { amdHeader: flags['sip-trunk-amd-header'] }),
    });
  } catch (error) {
    if (!(error instanceof TrunkSettingsError)) throw error;
    const flag = error.setting === 'password' ? TRUNK_PASSWORD_ENV : `--${FLAG_OF[error.setting]}`;
    throw new TrunkOptionError(`${flag}: ${error.message}`);
  }
  const identificationFile = flags['identification-message'];
  if (identificationFile === undefined) {
    throw new TrunkOptionError(
      '--sip-trunk needs --identification-message FILE (the WAV a dropped callee hears: who called and why, COMPLIANCE.md)',
    );
  }
  if (!existsSync(identificationFile) || !statSync(identificationFile).isFile()) {
    throw new TrunkOptionError(`--identification-message: no file at "${identificationFile}"`);
  }
  return { settings, identificationFile };
}
