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
  readonly tighten?: {
    readonly windows?: readonly {
      readonly day: Weekday;
      readonly from: string;
      readonly to: string;
    }[];
    readonly blockHolidays?: true;
    readonly attempts?: { readonly max: number; readonly windowDays: number };
    readonly refusalDays?: number;
    readonly consentRequiredFrom?: string;
    readonly contractExempts?: false;
    readonly consentLiftsHours?: false;
    readonly suppression?: { readonly required: boolean; readonly maxAgeDays: number };
    readonly abandonLockHours?: number;
  };
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
  readonly pacing: { readonly abandonWindowHours?: number };
  readonly suppressionListIds: readonly string[];
}
