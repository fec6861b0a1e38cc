// A campaign's settings as the API gives them (the protocol's Campaign, restated structurally:
// the dialer imports no other package but the engine).

export type DispositionFlag =
  | 'success'
  | 'refusal'
  | 'doNotCall'
  | 'callback'
  | 'wrongNumber'
  | 'answeringMachine'
  | 'noAnswer'
  | 'busy';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface CampaignSettings {
  readonly id: string;
  readonly clientId: string;
  readonly mode: 'preview' | 'progressive' | 'predictive';
  readonly callerId: string;
  readonly rulePack: string;
  readonly tighten?:
    | {
        readonly windows?:
          | readonly { readonly day: Weekday; readonly from: string; readonly to: string }[]
          | undefined;
        readonly blockHolidays?: true | undefined;
        readonly attempts?: { readonly max: number; readonly windowDays: number } | undefined;
        readonly refusalDays?: number | undefined;
        readonly consentRequiredFrom?: string | undefined;
        readonly contractExempts?: false | undefined;
        readonly consentLiftsHours?: false | undefined;
        readonly suppression?:
          { readonly required: boolean; readonly maxAgeDays: number } | undefined;
        readonly abandonLockHours?: number | undefined;
      }
    | undefined;
  readonly dispositions: readonly {
    readonly id: string;
    readonly label: string;
    readonly flag: DispositionFlag;
  }[];
  readonly recycling: readonly {
    readonly outcome: DispositionFlag | 'abandoned';
    readonly delayMinutes: number;
    readonly maxAttempts: number;
  }[];
  readonly pacing: { readonly abandonWindowHours?: number | undefined };
  readonly suppressionListIds: readonly string[];
}
