// Which CSV column holds which lead field, guessed from the header's names in French and English
// (telephone, tel, phone → phone; cp, postcode → postcode…). The guess is only a start: the
// person checks and changes it before the upload.

/** The lead fields a list's columns may fill (ListImportQuery's mapping fields). */
export const LEAD_FIELDS = [
  'phone',
  'firstName',
  'lastName',
  'timeZone',
  'country',
  'postcode',
  'departement',
  'consentGivenAt',
  'consentProof',
  'consentCoversHours',
  'contractRelation',
] as const;
export type LeadField = (typeof LEAD_FIELDS)[number];

export type ColumnMapping = Partial<Record<LeadField, string>>;

/** Header names, lower case without accents, spaces, dashes or underscores. */
const NAMES: Record<LeadField, readonly string[]> = {
  phone: [
    'phone',
    'telephone',
    'tel',
    'phonenumber',
    'numerotelephone',
    'numerodetelephone',
    'numero',
    'mobile',
    'portable',
    'gsm',
    'msisdn',
    'number',
  ],
  firstName: ['firstname', 'prenom', 'givenname', 'first'],
  lastName: ['lastname', 'nom', 'surname', 'familyname', 'nomdefamille', 'last'],
  timeZone: ['timezone', 'tz', 'fuseau', 'fuseauhoraire', 'zone'],
  country: ['country', 'pays', 'countrycode', 'codepays'],
  postcode: ['postcode', 'cp', 'codepostal', 'postalcode', 'zip', 'zipcode'],
  departement: ['departement', 'department', 'dept', 'dep', 'dpt'],
  consentGivenAt: [
    'consentgivenat',
    'consentdate',
    'consentat',
    'consent',
    'consentement',
    'dateconsentement',
    'dateduconsentement',
  ],
  consentProof: ['consentproof', 'proof', 'preuve', 'preuveconsentement', 'preuveduconsentement'],
  consentCoversHours: [
    'consentcovershours',
    'consenthours',
    'consentementhoraires',
    'horairesconsentis',
  ],
  contractRelation: ['contractrelation', 'contract', 'contrat', 'relationcontractuelle'],
};

/** Names too vague to match as a prefix ("numero_client" is not a phone number). */
const EXACT_ONLY = new Set([
  'numero',
  'number',
  'first',
  'last',
  'zone',
  'consent',
  'nom',
  'tel',
  'cp',
  'dep',
  'tz',
]);

export function normaliseHeader(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * A mapping from the header's names: exact names first, then names that start with a known one
 * ("telephone_mobile"); each column feeds one field at most, and fields are served in the order
 * of LEAD_FIELDS (the phone first).
 */
export function guessMapping(header: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  const normalised = header.map((name) => ({ name, key: normaliseHeader(name) }));
  for (const pass of ['exact', 'prefix'] as const) {
    for (const field of LEAD_FIELDS) {
      if (mapping[field] !== undefined) continue;
      for (const known of NAMES[field]) {
        const hit = normalised.find(
          ({ name, key }) =>
            !used.has(name) &&
            key !== '' &&
            (pass === 'exact' ? key === known : !EXACT_ONLY.has(known) && key.startsWith(known)),
        );
        if (hit !== undefined) {
          mapping[field] = hit.name;
          used.add(hit.name);
          break;
        }
      }
    }
  }
  return mapping;
}
