/** CSV import (import-service.ts): reading the file, mapping its columns, validating each row. */
import { badRequest } from '../../core/errors.js';
import { CsvError, parseCsv, type Delimiter } from './csv.js';
import {
  IMPORT_FIELDS,
  IMPORT_MAX_ROWS,
  leadCreateInput,
  type ImportField,
  type ImportInput,
  type ImportMapping,
} from './contracts.js';
import { invalid, type Lead, type Outcome } from './import-report.js';

/** The parsed file: trimmed headers and the data rows, or a 400 that says what is wrong with it. */
export function readTable(csv: string): { headers: string[]; records: string[][]; delimiter: Delimiter } {
  if (csv.includes('\u0000'))
    throw badRequest('not_csv', 'This is not a CSV text file (it contains binary data)', 'csv');
  let parsed: ReturnType<typeof parseCsv>;
  try {
    parsed = parseCsv(csv);
  } catch (err) {
    if (err instanceof CsvError)
      throw badRequest('malformed_csv', `The file is not valid CSV: ${err.message}`, 'csv');
    throw err;
  }
  const rows = parsed.rows.filter((r) => r.some((c) => c.trim() !== ''));
  if (!rows.length) throw badRequest('empty_file', 'The file is empty', 'csv');
  const headers = rows[0]!.map((h) => h.trim());
  if (headers.some((h) => h.length > 200))
    throw badRequest(
      'not_csv',
      'The first row does not look like column names; is this a CSV file with a header row?',
      'csv',
    );
  const records = rows.slice(1);
  if (!records.length) throw badRequest('no_rows', 'The file has a header row but no data rows', 'csv');
  if (records.length > IMPORT_MAX_ROWS)
    throw badRequest(
      'too_many_rows',
      `A file may have ${IMPORT_MAX_ROWS.toLocaleString('en')} rows at most; this one has ${records.length.toLocaleString('en')}`,
      'csv',
    );
  return { headers, records, delimiter: parsed.delimiter };
}

export function resolveMapping(
  headers: string[],
  mapping: ImportMapping,
): Partial<Record<ImportField, number>> {
  if (!mapping.email && !mapping.phone)
    throw badRequest('mapping_incomplete', 'Choose an email or a phone column', 'mapping.email');
  const out: Partial<Record<ImportField, number>> = {};
  for (const field of IMPORT_FIELDS) {
    const header = mapping[field];
    if (header === undefined) continue;
    const index = headers.indexOf(header);
    if (index === -1)
      throw badRequest('unknown_column', `The file has no column "${header}"`, `mapping.${field}`);
    if (headers.indexOf(header, index + 1) !== -1)
      throw badRequest(
        'ambiguous_column',
        `The file has more than one column "${header}"`,
        `mapping.${field}`,
      );
    out[field] = index;
  }
  return out;
}

// Header names people use, in English, Russian and Indonesian, compared without case, spaces or punctuation.
const HEADER_NAMES: Record<ImportField, string[]> = {
  name: [
    'fullname',
    'name',
    'clientname',
    'customername',
    'contactname',
    'leadname',
    'фио',
    'имя',
    'полноеимя',
    'имяфамилия',
    'клиент',
    'nama',
    'namalengkap',
    'namaklien',
    'namapelanggan',
    'namanasabah',
  ],
  email: [
    'email',
    'emailaddress',
    'mail',
    'электроннаяпочта',
    'почта',
    'емейл',
    'имейл',
    'элпочта',
    'alamatemail',
    'surel',
    'surat',
  ],
  phone: [
    'phone',
    'phonenumber',
    'telephone',
    'tel',
    'mobile',
    'mobilephone',
    'cell',
    'cellphone',
    'телефон',
    'тел',
    'номертелефона',
    'мобильный',
    'мобильныйтелефон',
    'telepon',
    'nomortelepon',
    'notelp',
    'notelepon',
    'hp',
    'nohp',
    'nomorhp',
    'handphone',
    'ponsel',
    'whatsapp',
    'wa',
  ],
  country: ['country', 'countrycode', 'страна', 'кодстраны', 'negara', 'kodenegara'],
  language: ['language', 'lang', 'язык', 'bahasa'],
  source: ['source', 'leadsource', 'utmsource', 'channel', 'источник', 'канал', 'sumber', 'saluran'],
  tags: ['tags', 'tag', 'labels', 'label', 'теги', 'тег', 'метки', 'метка', 'ярлыки'],
};

const normaliseHeader = (h: string) =>
  h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]/gu, '');

export function suggestMapping(headers: string[]): Partial<ImportMapping> {
  const normalised = headers.map(normaliseHeader);
  const used = new Set<number>();
  const out: Partial<ImportMapping> = {};
  for (const field of IMPORT_FIELDS) {
    // The earliest name in the list wins ("Full name" over "Name" when both are there).
    for (const name of HEADER_NAMES[field]) {
      const index = normalised.findIndex((h, i) => h === name && !used.has(i));
      if (index !== -1) {
        used.add(index);
        out[field] = headers[index]!;
        break;
      }
    }
  }
  return out;
}

/** Field validation, the same as a lead created by hand, then duplicates within the file. */
export function validate(
  records: string[][],
  width: number,
  columns: Partial<Record<ImportField, number>>,
  input: Pick<ImportInput, 'defaultSource' | 'duplicates'>,
  outcomes: Outcome[],
): { row: number; lead: Lead }[] {
  const defaultSource = input.defaultSource ?? 'import';
  // Phone twins inside the file are judged like phone matches in the database.
  const phoneTwinsAllowed = input.duplicates === 'create_phone_duplicates';
  const cell = (record: string[], field: ImportField) => {
    const index = columns[field];
    const value = index === undefined ? '' : (record[index] ?? '').trim();
    return value === '' ? null : value;
  };
  const out: { row: number; lead: Lead }[] = [];
  const emails = new Map<string, number>();
  const phones = new Map<string, number>();
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const row = i + 1;
    if (record.length > width && record.slice(width).some((c) => c.trim() !== '')) {
      outcomes[i] = invalid([
        { field: 'row', message: `This row has ${record.length} cells; the header has ${width}` },
      ]);
      continue;
    }
    const tags = cell(record, 'tags');
    const parsed = leadCreateInput.safeParse({
      name: cell(record, 'name') ?? '',
      email: cell(record, 'email'),
      phone: cell(record, 'phone'),
      country: cell(record, 'country'),
      language: cell(record, 'language'),
      source: cell(record, 'source') ?? defaultSource,
      tags: tags
        ? [
            ...new Set(
              tags
                .split(/[;|]/)
                .map((t) => t.trim())
                .filter(Boolean),
            ),
          ]
        : [],
    });
    if (!parsed.success) {
      const errors = new Map<string, string>();
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'row');
        if (!errors.has(field)) errors.set(field, issue.message);
      }
      outcomes[i] = invalid([...errors].map(([field, message]) => ({ field, message })));
      continue;
    }
    const { allowDuplicatePhone: _, ...lead } = parsed.data;
    const sameEmail = lead.email ? emails.get(lead.email) : undefined;
    const samePhone = lead.phone && !phoneTwinsAllowed ? phones.get(lead.phone) : undefined;
    if (sameEmail !== undefined) {
      outcomes[i] = {
        status: 'duplicate',
        errors: [{ field: 'email', message: `Same email as row ${sameEmail}` }],
      };
      continue;
    }
    if (samePhone !== undefined) {
      outcomes[i] = {
        status: 'duplicate',
        errors: [{ field: 'phone', message: `Same phone as row ${samePhone}` }],
      };
      continue;
    }
    if (lead.email) emails.set(lead.email, row);
    if (lead.phone && !phones.has(lead.phone)) phones.set(lead.phone, row);
    out.push({ row, lead });
  }
  return out;
}
