// French numbering: the overseas départements share the national plan (0590 … reaches
// Guadeloupe), and each region has its own zone and public holidays.

/** National prefixes (after the 0) of the overseas regions reachable as French numbers. */
export const OVERSEAS_PREFIXES: readonly (readonly [prefix: string, region: string])[] = [
  ['590', 'GP'],
  ['690', 'GP'],
  ['691', 'GP'],
  ['596', 'MQ'],
  ['696', 'MQ'],
  ['697', 'MQ'],
  ['594', 'GF'],
  ['694', 'GF'],
  ['262', 'RE'],
  ['692', 'RE'],
  ['693', 'RE'],
  ['269', 'YT'],
  ['639', 'YT'],
  ['508', 'PM'],
];

/** One time zone per region; French Polynesia has three, so it needs an explicit column. */
export const REGION_TIME_ZONES: Readonly<Record<string, string>> = {
  FR: 'Europe/Paris',
  GP: 'America/Guadeloupe',
  BL: 'America/St_Barthelemy',
  MF: 'America/Marigot',
  MQ: 'America/Martinique',
  GF: 'America/Cayenne',
  RE: 'Indian/Reunion',
  YT: 'Indian/Mayotte',
  PM: 'America/Miquelon',
  NC: 'Pacific/Noumea',
  WF: 'Pacific/Wallis',
  GB: 'Europe/London',
  GG: 'Europe/Guernsey',
  JE: 'Europe/Jersey',
  IM: 'Europe/Isle_of_Man',
};

/** Overseas regions that date-holidays knows as subdivisions of FR (their own extra days). */
export const FRENCH_HOLIDAY_SUBDIVISIONS = new Set(['GP', 'MQ', 'GF', 'RE', 'YT', 'MF', 'BL']);

/** Alsace-Moselle: Good Friday and 26 December are also holidays (L.3134-13). */
export const ALSACE_MOSELLE = new Set(['57', '67', '68']);
