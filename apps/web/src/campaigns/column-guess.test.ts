import { describe, expect, it } from 'vitest';
import { guessMapping, normaliseHeader } from './column-guess.ts';
import { guessSeparator, parseCsvStart, previewCsv, type Separator } from './csv-preview.ts';

describe('the column guesser', () => {
  it('finds the phone under its usual French and English names', () => {
    for (const name of [
      'telephone',
      'Téléphone',
      'TEL',
      'phone',
      'Phone Number',
      'portable',
      'GSM',
    ])
      expect(guessMapping(['nom', name, 'ville']).phone, name).toBe(name);
  });

  it('maps the obvious names of every field, accents, case and separators ignored', () => {
    const header = [
      'Prénom',
      'NOM',
      'Tél.',
      'CP',
      'Département',
      'Pays',
      'fuseau_horaire',
      'date_consentement',
      'preuve',
      'contrat',
      'segment',
    ];
    expect(guessMapping(header)).toEqual({
      phone: 'Tél.',
      firstName: 'Prénom',
      lastName: 'NOM',
      timeZone: 'fuseau_horaire',
      country: 'Pays',
      postcode: 'CP',
      departement: 'Département',
      consentGivenAt: 'date_consentement',
      consentProof: 'preuve',
      contractRelation: 'contrat',
    });
  });

  it('reads English headers too, postcode and zip alike', () => {
    expect(guessMapping(['first_name', 'last_name', 'mobile', 'zip', 'time zone'])).toEqual({
      phone: 'mobile',
      firstName: 'first_name',
      lastName: 'last_name',
      postcode: 'zip',
      timeZone: 'time zone',
    });
    expect(guessMapping(['postcode']).postcode).toBe('postcode');
  });

  it('prefers an exact name to a longer one, and takes a longer one when nothing else fits', () => {
    expect(guessMapping(['telephone_fixe', 'telephone']).phone).toBe('telephone');
    expect(guessMapping(['id', 'telephone_mobile']).phone).toBe('telephone_mobile');
  });

  it('does not take vague names as a prefix ("numero_client" is no phone number)', () => {
    expect(guessMapping(['numero_client', 'nom_commercial', 'cpt'])).toEqual({});
  });

  it('gives each column to one field at most, and guesses nothing from an empty header', () => {
    const mapping = guessMapping(['phone']);
    expect(mapping).toEqual({ phone: 'phone' });
    expect(guessMapping([])).toEqual({});
    expect(guessMapping(['', '  '])).toEqual({});
  });

  it('normalises header names for comparison', () => {
    expect(normaliseHeader(' Numéro de Téléphone ')).toBe('numerodetelephone');
  });
});

describe('the CSV preview', () => {
  it('guesses the separator from the header line', () => {
    expect(guessSeparator('nom;telephone;cp')).toBe(';');
    expect(guessSeparator('name,phone')).toBe(',');
    expect(guessSeparator('name\tphone')).toBe('\t');
    expect(guessSeparator('phone')).toBe(',');
  });

  it('reads quoted cells with separators, doubled quotes and line breaks, and a BOM', () => {
    const text =
      '\uFEFFnom;telephone;note\r\n"Dupont; Jean";0612345678;"dit ""JD""\nsur deux lignes"\r\nMartin;0622;\n';
    const preview = previewCsv(text, true);
    expect(preview.separator).toBe(';');
    expect(preview.header).toEqual(['nom', 'telephone', 'note']);
    expect(preview.rows).toEqual([
      ['Dupont; Jean', '0612345678', 'dit "JD"\nsur deux lignes'],
      ['Martin', '0622', ''],
    ]);
  });

  it('drops the last record of a cut-off start of file, and keeps it when the file is whole', () => {
    const text = 'phone,name\n+33612345678,Ana\n+3361234';
    expect(previewCsv(text, false).rows).toEqual([['+33612345678', 'Ana']]);
    expect(previewCsv(text, true).rows).toEqual([['+33612345678', 'Ana'], ['+3361234']]);
  });

  it('stops at the number of rows asked for', () => {
    const text = ['phone', ...Array.from({ length: 20 }, (_, i) => `+3361234567${i % 10}`)].join(
      '\n',
    );
    expect(previewCsv(text, true, 3).rows).toHaveLength(3);
  });

  it('gives back any table written as CSV (seeded property test)', () => {
    let seed = 20261126;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const alphabet = ['a', 'é', '1', ' ', '"', ',', ';', '\t', '\n', '+'];
    for (let run = 0; run < 300; run++) {
      const separator = ([',', ';', '\t'] as Separator[])[Math.floor(random() * 3)] as Separator;
      const columns = 1 + Math.floor(random() * 4);
      const rows = Array.from({ length: 1 + Math.floor(random() * 5) }, () =>
        Array.from({ length: columns }, () =>
          Array.from(
            { length: 1 + Math.floor(random() * 6) },
            () => alphabet[Math.floor(random() * alphabet.length)],
          ).join(''),
        ),
      );
      const quote = (cell: string): string => `"${cell.replace(/"/g, '""')}"`;
      const text = rows
        .map((row) => row.map(quote).join(separator))
        .join(random() < 0.5 ? '\n' : '\r\n');
      // Rows of blank cells only are skipped, like blank lines.
      const expected = rows.filter((row) => row.some((cell) => cell.trim() !== ''));
      expect(parseCsvStart(text, separator, 100), JSON.stringify({ text })).toEqual(expected);
    }
  });
});
