/**
 * DATA.md "Bad input", one rule per fixtures/bad/<case>/ folder: each is
 * fixtures/format/plain with one thing broken, and must give exactly one
 * problem, at the right file:line:column, quoting the bad value.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { formatIssue, type Issue } from '../model/issue.js';
import { loadDataset } from './load-dataset.js';

interface Expected {
  /** `file:line:column` inside the fixture folder (no column when the problem is a whole line or file). */
  readonly where: string;
  readonly severity: 'error' | 'warning';
  readonly code: string;
  /** Text the message must contain: the quoted bad value first. */
  readonly says: readonly string[];
}

const error = (where: string, code: string, ...says: string[]): Expected => ({ where, severity: 'error', code, says });
const warning = (where: string, code: string, ...says: string[]): Expected => ({ where, severity: 'warning', code, says });

const CASES: Record<string, Expected> = {
  // supply.csv line 4 names 0402043; 0402042 (Brzozie) is one digit away
  'unknown-municipality': error('supply.csv:4:1', 'unknown-id', '"0402043"', 'did you mean "0402042" (Brzozie)?'),
  'unknown-service': error('demand.csv:4:2', 'unknown-id', '"prechool"', 'did you mean "preschool"'),
  // line 5 repeats the id of line 3
  'duplicate-municipality-id': error('municipalities.csv:5:1', 'duplicate-id', '"0402042"', 'line 3'),
  'duplicate-service-id': error('services.csv:4:1', 'duplicate-id', '"preschool"', 'line 2'),
  // (0402042, preschool) on lines 4 and 7
  'duplicate-supply': error('supply.csv:7:1', 'duplicate-pair', '"0402042"', '"preschool"', 'line 4'),
  // 0402042 → 0402011 preschool on lines 4 and 7
  'duplicate-flow': error('flows.csv:7:1', 'duplicate-pair', '"0402042"', '"0402011"', 'line 4', '"duplicates": "sum"'),
  'negative-number': error('demand.csv:3:3', 'negative', '"-5"'),
  'non-numeric': error('supply.csv:2:3', 'not-a-number', '"1450 miejsc"'),
  // population is column 5 of id,name,kind,county,population,…
  nan: error('municipalities.csv:3:5', 'not-a-number', '"NaN"'),
  infinity: error('flows.csv:2:4', 'not-a-number', '"Infinity"'),
  'out-of-range-number': error('supply.csv:3:3', 'not-a-number', '"1e309"', 'out of range'),
  // decay_beta is column 10; 25 per km would mean nobody travels past the next village
  'decay-beta-out-of-range': error('services.csv:3:10', 'out-of-range', 'decay_beta must be at most 10', '"25"'),
  'empty-required-cell': error('municipalities.csv:4:2', 'empty-cell', 'name is empty'),
  // the 4th field has no column; the 3rd field is missing
  'too-many-fields': error('supply.csv:5:4', 'ragged-row', '"12"', '4 fields', 'header has 3'),
  'too-few-fields': error('demand.csv:6:3', 'ragged-row', '2 fields', 'header has 3'),
  'missing-column': error('demand.csv:1', 'missing-column', '"demand"', '"value"'),
  // lat is column 6
  'lat-out-of-range': error('municipalities.csv:2:6', 'out-of-range', '"93.257414"', 'at most 85'),
  // line 4 (Wąpielsk) has no lat/lon and there is no distances.csv: 0 of its 2 distances
  'missing-coordinates': error('municipalities.csv:4', 'no-location', '"0412062"', '0 of the 2'),
  'catchment-not-positive': error('services.csv:2:4', 'out-of-range', '"0"', 'greater than 0'),
  // a PNG header: 89 50 4E 47 0D 0A 1A 0A, then NUL at offset 8
  'binary-file': error('supply.csv:1', 'binary-file', 'offset 8'),
  'xlsx-file': error('demand.csv:1', 'binary-file', '.xlsx'),
  'empty-file': error('demand.csv:1', 'empty-file', 'the file is empty'),
  'header-only': error('demand.csv:2', 'no-rows', 'no data rows'),
  // line 3 is `  "paramters": …`: the key's quote is column 3
  'unknown-manifest-key': error('servflow.json:3:3', 'bad-manifest', '"paramters"', 'did you mean "parameters"?'),
  // the trailing comma of line 3 is found at the "}" of line 4
  'invalid-json': error('servflow.json:4:1', 'bad-json', 'not valid JSON'),
  // the text stops after `  "year":` (9 characters) on line 3
  'truncated-json': error('servflow.json:3:10', 'bad-json', 'not valid JSON', 'end'),
  // line 5 is `0402042,nursery,` (Brzozie): a capacity still to fill in, counted as 0
  'empty-capacity': warning('supply.csv:5:3', 'missing-capacity', '"nursery"', '"0402042"', 'fill it in'),
  // into 0402042: 120 (line 3, the first) + 10 (line 7) = 130 > capacity 125
  'flows-above-capacity': warning('flows.csv:3', 'flows-above-capacity', '0402042', 'total 130', 'capacity of 125'),
  // residents of 0412062: 160 (line 5, the first) + 3 (line 6) = 163 > demand 156
  'flows-above-demand': warning('flows.csv:5', 'flows-above-demand', '0412062', 'total 163', 'demand of 156'),
};

/** Every issue of a load: the errors it throws, or the warnings it keeps. */
function problems(folder: string): { issues: readonly Issue[]; threw: boolean } {
  try {
    return { issues: loadDataset(folder).dataset.warnings, threw: false };
  } catch (caught) {
    if (!(caught instanceof InputError)) throw caught;
    expect(caught.exitCode).toBe(2);
    return { issues: caught.issues, threw: true };
  }
}

describe('fixtures/bad', () => {
  it('has a case here for every folder, and a folder for every case', () => {
    expect(readdirSync('fixtures/bad').sort()).toEqual(Object.keys(CASES).sort());
  });

  it.each(Object.entries(CASES))('%s', (name, expected) => {
    const folder = `fixtures/bad/${name}`;
    const { issues, threw } = problems(folder);
    expect(threw).toBe(expected.severity === 'error');
    expect(issues.map(formatIssue)).toHaveLength(1);
    const [issue] = issues;
    expect(formatIssue(issue).startsWith(`${folder}/${expected.where}: ${expected.severity}: `), formatIssue(issue)).toBe(true);
    expect(issue.code).toBe(expected.code);
    for (const text of expected.says) expect(issue.message).toContain(text);
  });
});
