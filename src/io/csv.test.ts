import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, readCsv, type CsvOptions, type CsvResult } from './csv.js';

interface Read {
  header?: { cells: string[]; line: number; delimiter: string };
  rows: { cells: string[]; line: number }[];
  result: CsvResult;
}

/** Everything readCsv reports, rows copied (the sink may reuse its array). */
function read(text: string, options: CsvOptions = {}): Read {
  const out: Read = { rows: [], result: { delimiter: ',', rows: 0, blank: 0 } };
  out.result = readCsv(text, options, (header) => {
    out.header = { cells: [...header.cells], line: header.line, delimiter: header.delimiter };
    return (cells, line) => out.rows.push({ cells: [...cells], line });
  });
  return out;
}
const lines = (out: Read): number[] => out.rows.map((row) => row.line);

describe('detectDelimiter', () => {
  it.each([
    ['id,name,population', ','],
    ['id;name;population', ';'],
    ['id\tname\tpopulation', '\t'],
    ['Kod;Nazwa;ogółem;', ';'],
    ['id', ','],
    ['', ','],
  ])('%j → %j', (header, expected) => {
    expect(detectDelimiter(header)).toBe(expected);
  });

  it('ignores delimiters inside quoted header cells', () => {
    expect(detectDelimiter('"Ludność; ogółem",kod,nazwa')).toBe(',');
    expect(detectDelimiter('"a,b,c,d";kod;nazwa')).toBe(';');
    expect(detectDelimiter('"Ludność\tmężczyźni; kobiety",kod')).toBe(',');
  });

  it('is detected on the header line only', () => {
    // the data row has more commas than semicolons (decimal commas), the header decides
    expect(read('id;lat\n1;53,25\n').rows[0].cells).toEqual(['1', '53,25']);
    expect(read('"Ludność; ogółem",kod\n"5;6",7\n').rows[0].cells).toEqual(['5;6', '7']);
  });
});

describe('readCsv: line ends', () => {
  const expected = [
    { cells: ['1', 'a'], line: 2 },
    { cells: ['2', 'b'], line: 3 },
  ];
  it.each([
    ['LF', 'id,name\n1,a\n2,b\n'],
    ['CRLF', 'id,name\r\n1,a\r\n2,b\r\n'],
    ['lone CR', 'id,name\r1,a\r2,b\r'],
    ['no final line end', 'id,name\n1,a\n2,b'],
    ['CRLF, quoted', 'id,"name"\r\n1,a\r\n2,"b"\r\n'],
    ['lone CR, quoted', 'id,"name"\r1,a\r2,"b"\r'],
  ])('%s: no CR left in cells, lines counted', (_, text) => {
    const out = read(text);
    expect(out.header).toEqual({ cells: ['id', 'name'], line: 1, delimiter: ',' });
    expect(out.rows).toEqual(expected);
  });

  it('strips the BOM from the first header cell', () => {
    expect(read('\uFEFFid;name\n1;a\n').header?.cells).toEqual(['id', 'name']);
  });

  it('keeps the trailing empty field of a BDL line', () => {
    const out = read('Kod;Nazwa;ogółem;\n0402011;Brodnica;28429;\n');
    expect(out.header?.cells).toEqual(['Kod', 'Nazwa', 'ogółem', '']);
    expect(out.rows).toEqual([{ cells: ['0402011', 'Brodnica', '28429', ''], line: 2 }]);
  });
});

describe('readCsv: blank rows and line numbers', () => {
  it('skips blank and whitespace-only rows but keeps counting lines', () => {
    for (const text of ['id,v\n1,2\n\n  \n3,4\n\n', 'id,"v"\n1,2\n\n  \n3,4\n\n']) {
      const out = read(text);
      expect(lines(out)).toEqual([2, 5]);
      expect(out.result).toEqual({ delimiter: ',', rows: 2, blank: 3 });
    }
  });

  it('skips rows of empty fields (;;;)', () => {
    const out = read('a;b;c\n;;\n1;2;3\n');
    expect(lines(out)).toEqual([3]);
    expect(out.result.blank).toBe(1);
  });

  it('numbers rows after a multi-line quoted field by their physical line', () => {
    const out = read('id,name\n1,"Nowe\nMiasto\r\nLubawskie"\n2,b\n3,c\n');
    expect(out.rows).toEqual([
      { cells: ['1', 'Nowe\nMiasto\r\nLubawskie'], line: 2 },
      { cells: ['2', 'b'], line: 5 },
      { cells: ['3', 'c'], line: 6 },
    ]);
  });

  it('reads escaped quotes', () => {
    expect(read('id,name\n1,"Gmina ""Brzozie"""\n').rows[0].cells).toEqual(['1', 'Gmina "Brzozie"']);
  });
});

describe('readCsv: header_row', () => {
  // a publication table: a title, a blank line, a header whose cells span lines
  const table = 'Tabl. 21. Powierzchnia i ludność\n\nKod;"Ludność\nogółem";"Powierzchnia\nw km2"\n0402011;28 429;23\n0402042;3 737;94\n';

  it('finds a header at record 3 whose quoted cells span two lines', () => {
    const out = read(table, { headerRow: 3 });
    expect(out.header).toEqual({ cells: ['Kod', 'Ludność\nogółem', 'Powierzchnia\nw km2'], line: 3, delimiter: ';' });
    // the header occupies lines 3–5, so the rows are on lines 6 and 7
    expect(out.rows).toEqual([
      { cells: ['0402011', '28 429', '23'], line: 6 },
      { cells: ['0402042', '3 737', '94'], line: 7 },
    ]);
  });

  it('detects the delimiter from that header, not from the title', () => {
    expect(read('Tabl. 1, 2 and 3\nid;name\n1;a\n', { headerRow: 2 }).header?.delimiter).toBe(';');
  });

  it('reports a header row past the end of the file', () => {
    expect(read('a,b\n1,2\n', { headerRow: 5 }).result.problem).toEqual({ line: 1, column: 0, message: 'the file has no header at row 5' });
  });
});

describe('readCsv: structural problems', () => {
  it('reports a file without a header', () => {
    expect(read('').result.problem).toEqual({ line: 1, column: 0, message: 'the file has no header line' });
    expect(read('\n\n').result.problem?.message).toBe('the file has no header line');
  });

  it('reports an unclosed quote at the line where its record starts', () => {
    const out = read('id,name\n1,a\n2,"b\n3,c\n');
    expect(out.result.problem).toEqual({ line: 3, column: 0, message: 'a quoted field is never closed (a missing ")' });
    expect(lines(out)).toEqual([2]);
  });
});

/**
 * Property: for text without quote characters, the direct splitter and
 * csv-parse agree. Quoting one cell forces csv-parse without changing any
 * value, since no cell holds a quote, a delimiter or a line end. Blank
 * rows, ragged rows, blanks around values and all line ends are generated.
 */
describe('readCsv: fast path ≡ csv-parse', () => {
  const cell = fc.stringMatching(/^[a-zA-Z0-9 ._-]{0,6}$/);
  const lineEnd = fc.constantFrom('\n', '\r\n', '\r');
  const delimiter = fc.constantFrom(',', ';', '\t');
  const table = fc.record({
    delimiter,
    header: fc.array(fc.stringMatching(/^[a-z][a-z0-9_]{0,5}$/), { minLength: 2, maxLength: 5 }), // two or more: the delimiter is detected
    rows: fc.array(fc.array(cell, { minLength: 0, maxLength: 6 }), { maxLength: 12 }),
    lineEnd,
    finalLineEnd: fc.boolean(),
    quoteAt: fc.nat(),
  });

  it('gives identical header, cells, line numbers and counts', () => {
    fc.assert(
      fc.property(table, ({ delimiter, header, rows, lineEnd, finalLineEnd, quoteAt }) => {
        const records = [header, ...rows];
        const plain = records.map((row) => row.join(delimiter)).join(lineEnd) + (finalLineEnd ? lineEnd : '');
        // quote one non-empty cell, header included (an empty last row would
        // vanish from the plain text but not from the quoted one)
        const all = records.flatMap((row, r) => row.flatMap((value, c) => (value === '' ? [] : [[r, c] as const])));
        const [qr, qc] = all[quoteAt % all.length];
        const quoted = records.map((row, r) => row.map((value, c) => (r === qr && c === qc ? `"${value}"` : value)).join(delimiter)).join(lineEnd) + (finalLineEnd ? lineEnd : '');
        expect(plain.includes('"')).toBe(false);
        expect(quoted.includes('"')).toBe(true);
        expect(read(quoted)).toEqual(read(plain));
      }),
      { numRuns: 500, seed: 20240607 },
    );
  });
});

/**
 * Property: a row's line is its physical line, however many line ends
 * (LF, CRLF or lone CR) quoted cells before it contain. The oracle counts
 * line ends in the text itself.
 */
describe('readCsv: line numbers after multi-line quoted cells', () => {
  const lineEnd = fc.constantFrom('\n', '\r\n', '\r');
  const piece = fc.stringMatching(/^[a-z ]{0,4}$/);
  const multiLine = fc.tuple(piece, fc.array(fc.tuple(lineEnd, piece), { maxLength: 3 })).map(([first, rest]) => first + rest.map(([end, text]) => end + text).join(''));
  const table = fc.record({
    rows: fc.array(fc.tuple(fc.stringMatching(/^[a-z0-9]{1,4}$/), multiLine), { minLength: 1, maxLength: 10 }),
    lineEnd,
  });

  it('counts every physical line, CRLF inside quotes as one', () => {
    fc.assert(
      fc.property(table, ({ rows, lineEnd }) => {
        let text = `id,"note${lineEnd}(multi-line)"${lineEnd}`;
        const expected: { cells: string[]; line: number }[] = [];
        for (const [id, note] of rows) {
          const line = 1 + (text.match(/\r\n|\r|\n/g) ?? []).length;
          expected.push({ cells: [id, note], line });
          text += `${id},"${note}"${lineEnd}`;
        }
        const out = read(text);
        expect(out.header).toEqual({ cells: ['id', `note${lineEnd}(multi-line)`], line: 1, delimiter: ',' });
        expect(out.rows).toEqual(expected);
      }),
      { numRuns: 300, seed: 1250 },
    );
  });
});
