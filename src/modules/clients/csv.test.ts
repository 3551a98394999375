import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvError, DELIMITERS, detectDelimiter, neutraliseFormula, parseCsv, writeCsv } from './csv.js';

const parse = (text: string, delimiter?: ',' | ';' | '\t') =>
  parseCsv(text, delimiter ? { delimiter } : {}).rows;

describe('parseCsv', () => {
  it('reads plain records with CRLF, LF or CR line ends and an optional final line end', () => {
    expect(parse('a,b\r\nc,d\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parse('a,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parse('a,b\rc,d\r')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('reads quoted fields with delimiters, escaped quotes and line breaks inside', () => {
    expect(parse('name,note\r\n"Smith, John","He said ""hi""\r\nthen left"\r\n')).toEqual([
      ['name', 'note'],
      ['Smith, John', 'He said "hi"\r\nthen left'],
    ]);
    expect(parse('"a\nb",c\n')).toEqual([['a\nb', 'c']]);
    expect(parse('"",x')).toEqual([['', 'x']]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(parse('a,,c\n,,\nx,')).toEqual([
      ['a', '', 'c'],
      ['', '', ''],
      ['x', ''],
    ]);
    expect(parse('"a",')).toEqual([['a', '']]);
  });

  it('strips a UTF-8 byte order mark and skips blank lines', () => {
    expect(parse('\uFEFFname,email\n\nAnna,a@x.io\n\n')).toEqual([
      ['name', 'email'],
      ['Anna', 'a@x.io'],
    ]);
    expect(parse('')).toEqual([]);
    expect(parse('\uFEFF')).toEqual([]);
  });

  it('detects ; and tab delimiters from the header, ignoring quoted ones', () => {
    expect(parseCsv('name;email\nAnna;a@x.io').delimiter).toBe(';');
    expect(parse('name;email;phone\n"Doe; Jane";j@x.io;+4420')).toEqual([
      ['name', 'email', 'phone'],
      ['Doe; Jane', 'j@x.io', '+4420'],
    ]);
    expect(parse('name\temail\nAnna\ta@x.io')).toEqual([
      ['name', 'email'],
      ['Anna', 'a@x.io'],
    ]);
    expect(detectDelimiter('"a;b;c",d\n')).toBe(',');
    expect(detectDelimiter('single')).toBe(',');
  });

  it('keeps a quote inside an unquoted field as a character', () => {
    expect(parse('5" screen,x')).toEqual([['5" screen', 'x']]);
  });

  it('reports an unclosed quote and text after a closing quote with the line', () => {
    expect(() => parse('a,b\nc,"open\nd')).toThrow(CsvError);
    expect(() => parse('a,b\nc,"open\nd')).toThrow(/not closed \(line 2\)/);
    expect(() => parse('a\n"x"y,z')).toThrow(/after a closing quote \(line 2\)/);
  });
});

describe('writeCsv', () => {
  it('quotes only what needs it and writes CRLF, with a BOM on request', () => {
    expect(writeCsv([['a', 'b,c', 'say "hi"', 'x\ny', 'semi;colon']], { bom: true })).toBe(
      '\uFEFFa,"b,c","say ""hi""","x\ny","semi;colon"\r\n',
    );
    expect(writeCsv([['']])).toBe('""\r\n');
  });

  it('round-trips any table: parse(write(x)) == x for every delimiter', () => {
    const cell = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom('a', ',', ';', '\t', '"', '\r', '\n', ' ', '\uFEFF', 'é', '=') }),
    );
    const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 8 });
    fc.assert(
      fc.property(
        table,
        fc.constantFrom(...DELIMITERS),
        fc.boolean(),
        fc.constantFrom('\r\n' as const, '\n' as const),
        (rows, delimiter, bom, eol) => {
          expect(parse(writeCsv(rows, { delimiter, bom, eol }), delimiter)).toEqual(rows);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('round-trips with the delimiter detected, for tables of two or more columns', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', ';', '\t', '"', '\n') });
    const table = fc
      .integer({ min: 2, max: 5 })
      .chain((width) =>
        fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 6 }),
      );
    fc.assert(
      fc.property(table, fc.constantFrom(...DELIMITERS), (rows, delimiter) => {
        const parsed = parseCsv(writeCsv(rows, { delimiter }));
        expect(parsed.delimiter).toBe(delimiter);
        expect(parsed.rows).toEqual(rows);
      }),
    );
  });
});

describe('neutraliseFormula', () => {
  it('prefixes cells a spreadsheet would run as a formula', () => {
    for (const v of ['=1+1', '+44 20', '-2+3', '-1e3', '-A1', '@SUM(A1)', '\tx', '\rx'])
      expect(neutraliseFormula(v)).toBe(`'${v}`);
    // Plain numbers stay numbers, negative ones included.
    for (const v of ['Anna', '', "'quoted", '44', '-2', '-250.00']) expect(neutraliseFormula(v)).toBe(v);
  });
});
