/**
 * The hostile corpus, end to end: `servflow validate` on broken datasets
 * (copies of fixtures/format/plain with files replaced) must exit 2, list
 * every problem with its location, print no stack trace, keep stdout empty,
 * and create no file — in the dataset folder or in the working folder.
 * Needs the built binary (`npm test` builds first).
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { servflowRun } from '../testing/in-process.js';

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A working folder holding `dataset/`: the plain fixture with `files` replaced. */
function dataset(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'servflow-hostile-'));
  roots.push(root);
  cpSync('fixtures/format/plain', path.join(root, 'dataset'), { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(root, 'dataset', name), content);
  return root;
}

/** Every file and folder under `root` with its size. */
function listing(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((entry) => `${entry} ${statSync(path.join(root, entry)).size}`)
    .sort();
}

/** The dataset folder, as the command is given it and names it in messages. */
const datasetOf = (root: string): string => path.join(root, 'dataset');

/** `servflow validate` in process (src/testing/in-process.ts): the binary itself is run by validate.test.ts. */
async function validate(root: string, ...flags: string[]) {
  const before = listing(root);
  const run = await servflowRun('validate', datasetOf(root), ...flags);
  expect(listing(root), 'files created or changed').toEqual(before);
  return run;
}

/** Checks a broken dataset in human and JSON mode; `expected` are `file:line:column` locations. */
async function expectRejected(root: string, expected: string[]): Promise<void> {
  const prefix = `${datasetOf(root)}/`;
  const human = await validate(root);
  expect(human.status).toBe(2);
  expect(human.stdout).toBe('');
  expect(human.stderr).not.toMatch(/^\s+at /m);
  expect(human.stderr).not.toContain('internal error');
  const errors = human.stderr.split('\n').filter((line) => line.includes(': error: '));
  expect(errors.map((line) => (line.startsWith(`servflow: ${prefix}`) ? /^(\S+?): error: /.exec(line.slice(`servflow: ${prefix}`.length))?.[1] : line))).toEqual(expected);
  const count = expected.length;
  expect(human.stderr.endsWith(`servflow: ${count} error${count === 1 ? '' : 's'} in the input data; nothing was written\n`)).toBe(true);

  const json = await validate(root, '--json');
  expect(json.status).toBe(2);
  expect(json.stderr).not.toMatch(/^\s+at /m);
  const issues = JSON.parse(json.stdout) as { severity: string; file: string; line: number; column: number; message: string }[];
  const located = issues.filter((issue) => issue.severity === 'error').map((issue) => `${issue.file.replace(prefix, '')}:${issue.line}${issue.column > 0 ? `:${issue.column}` : ''}`);
  expect(located).toEqual(expected);
  for (const issue of issues) expect(typeof issue.message).toBe('string');
}

const PLAIN_FLOWS_HEADER = 'origin,destination,service,users\n';

describe('servflow validate on the hostile corpus', () => {
  it('an empty file', async () => {
    await expectRejected(dataset({ 'supply.csv': '' }), ['supply.csv:1']);
  });

  it('a binary file', async () => {
    await expectRejected(dataset({ 'demand.csv': Uint8Array.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]) }), ['demand.csv:1']);
  });

  it('a spreadsheet saved as .xlsx under a .csv name', async () => {
    await expectRejected(dataset({ 'municipalities.csv': Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]) }), ['municipalities.csv:1']);
  });

  it('a header without rows', async () => {
    await expectRejected(dataset({ 'services.csv': 'id,name,unit,catchment_km,min_facility_size,capex_per_place,opex_per_place\n' }), ['services.csv:2']);
  });

  it('ragged rows: one field too many, one too few', async () => {
    const supply = 'municipality,service,capacity\n0402011,preschool,1450\n0402011,nursery,300,5\n0402042,preschool,125\n0402042,nursery\n';
    // line 3: the 4th field has no column; line 5: the 3rd field is missing
    await expectRejected(dataset({ 'supply.csv': supply }), ['supply.csv:3:4', 'supply.csv:5:3']);
  });

  it('an unclosed quote', async () => {
    await expectRejected(dataset({ 'demand.csv': 'municipality,service,demand\n0402011,preschool,1296\n0402011,"nursery,336\n0402042,preschool,176\n' }), ['demand.csv:3']);
  });

  it('NaN, Infinity, -5 and 1e309 cells, all reported', async () => {
    await expectRejected(
      dataset({
        'supply.csv': 'municipality,service,capacity\n0402011,preschool,NaN\n0402011,nursery,Infinity\n0402042,preschool,-5\n0402042,nursery,1e309\n',
      }),
      ['supply.csv:2:3', 'supply.csv:3:3', 'supply.csv:4:3', 'supply.csv:5:3'],
    );
  });

  it('duplicate ids in two files', async () => {
    await expectRejected(
      dataset({
        'services.csv':
          'id,name,unit,catchment_km,min_facility_size,capex_per_place,opex_per_place\npreschool,Przedszkole,places,15,25,45000,16000\nnursery,Żłobek,places,20,16,40000,20000\npreschool,Przedszkole 2,places,15,25,45000,16000\n',
        'municipalities.csv':
          'id,name,population,lat,lon\n0402011,Brodnica,28429,53.257414,19.404293\n0402042,Brzozie,3737,53.303512,19.602288\n0412062,Wąpielsk,3698,53.152337,19.283103\n0402042,Brzozie,3737,53.303512,19.602288\n',
      }),
      // the second "0402042" (line 5) and the second "preschool" (line 4)
      ['municipalities.csv:5:1', 'services.csv:4:1'],
    );
  });

  it('unknown municipality and service ids, with suggestions', async () => {
    const root = dataset({
      'flows.csv': `${PLAIN_FLOWS_HEADER}0402011,0402011,preschool,1250\n0402042,0402O11,preschool,30\n0412062,0412062,prechool,140\n`,
    });
    // line 3: letter O for zero in the destination; line 4: a misspelt service
    await expectRejected(root, ['flows.csv:3:2', 'flows.csv:4:3']);
    const stderr = (await validate(root)).stderr;
    expect(stderr).toContain('"0402O11"');
    expect(stderr).toContain('did you mean "0402011" (Brodnica)?');
    expect(stderr).toContain('did you mean "preschool"');
  });

  it('a 100,000-row flows file with one bad cell on its last line', async () => {
    // 317 municipalities m001…m317 give 317² = 100,489 distinct pairs, enough for 100,000 rows
    const ids = Array.from({ length: 317 }, (_, i) => `m${String(i + 1).padStart(3, '0')}`);
    const municipalities = ['id,name,population,lat,lon', ...ids.map((id, i) => `${id},Gmina ${i + 1},1000,${50 + (i % 20) * 0.1},${18 + Math.floor(i / 20) * 0.1}`)];
    const rows = [PLAIN_FLOWS_HEADER.trimEnd()];
    for (let k = 0; k < 100_000; k++) rows.push(`${ids[Math.floor(k / 317)]},${ids[k % 317]},preschool,${k === 99_999 ? '12x' : 1}`);
    const root = dataset({
      'municipalities.csv': `${municipalities.join('\n')}\n`,
      'supply.csv': 'municipality,service,capacity\nm001,preschool,100\n',
      'demand.csv': 'municipality,service,demand\nm001,preschool,100\nm001,nursery,10\n',
      'flows.csv': `${rows.join('\n')}\n`,
    });
    // header on line 1, row k on line k + 2: the last row (k = 99,999) is line 100,001
    await expectRejected(root, ['flows.csv:100001:4']);
    expect((await validate(root)).stderr).toContain('"12x"');
  });
});
