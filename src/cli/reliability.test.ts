/**
 * Issue 16, one case at least per defect (items 1–6 and 8–21; 2 and 4 under
 * concurrency and kills are in src/io/write-reports-crash.test.ts, 20 also
 * in report.test.ts). Runs the built command line in-process (dist/, which
 * `npm test` builds first), on scratch copies of the bundled sample.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PARAMETERS } from '../model/parameters.js';
import { contents, scratchCopy, servflowInProcess as servflow } from '../testing/in-process.js';
import { servflow as servflowProcess } from '../testing/servflow.js';

// Whole runs in-process: the first loads HiGHS; a shared machine may be slow.
vi.setConfig({ testTimeout: 60_000 });

const scratch: string[] = [];
afterAll(() => scratch.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

/** The sample in a scratch folder, with `files` replaced (null removes one). */
function dataset(files: Record<string, string | Uint8Array | null> = {}): string {
  const folder = scratchCopy();
  scratch.push(folder);
  for (const [name, content] of Object.entries(files)) {
    if (content === null) rmSync(path.join(folder, name));
    else writeFileSync(path.join(folder, name), content);
  }
  return folder;
}

function emptyFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'servflow-out-'));
  scratch.push(folder);
  return folder;
}

const manifest = (value: unknown): string => JSON.stringify(value, null, 2);

/** Exit 2, a message matching `pattern`, no stack trace and no internal error. */
function expectRefused(run: { code: number; stderr: string }, pattern: RegExp): void {
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/internal error|^\s+at /m);
  expect(run.code, run.stderr).toBe(2);
}

describe('1. --out must never replace the input files', () => {
  it('servflow analyze data --out data exits 2 and leaves every input byte-identical (the binary)', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'servflow-same-'));
    scratch.push(root);
    const data = scratchCopy();
    scratch.push(data);
    const before = contents(data);
    const run = spawnSync(process.execPath, [path.resolve('bin/servflow'), 'analyze', data, '--out', data], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.stderr).toMatch(/cannot write reports to .*: it is the dataset's folder/);
    expect(run.status).toBe(2);
    expect(contents(data)).toEqual(before);
  });

  it('report --write into a folder holding a file the manifest reads is refused', async () => {
    const data = dataset();
    const elsewhere = emptyFolder();
    writeFileSync(path.join(elsewhere, 'flows.csv'), readFileSync(path.join(data, 'flows.csv')));
    writeFileSync(path.join(data, 'servflow.json'), manifest({ files: { flows: path.join('..', path.basename(elsewhere), 'flows.csv') } }));
    rmSync(path.join(data, 'flows.csv'));
    const before = contents(elsewhere);
    const run = await servflow('report', '--write', data, '--out', elsewhere, '--data-root', path.dirname(data));
    expectRefused(run, /holds the input file flows\.csv/);
    expect(contents(elsewhere)).toEqual(before);
  });
});

describe('2. two runs on one --out', () => {
  it('two analyze runs started together both exit 0 and leave one complete set, nothing else', async () => {
    const out = emptyFolder();
    const runs = await Promise.all([servflowProcess('analyze', '--out', out, '--quiet', '--lang', 'en'), servflowProcess('analyze', '--out', out, '--quiet', '--lang', 'pl')]);
    for (const run of runs) expect(run.status, run.stderr).toBe(0);
    const checks = await Promise.all(['en', 'pl'].map(async (lang) => (await servflow('report', '--check', '--out', out, '--lang', lang)).code));
    expect(checks.filter((code) => code === 0)).toHaveLength(1);
    expect(readdirSync(out).filter((name) => name.startsWith('.servflow-'))).toEqual([]);
  });
});

describe('3. the writer removes only what it made', () => {
  it('a folder named like a report file is refused, its contents kept', async () => {
    const out = emptyFolder();
    mkdirSync(path.join(out, 'graph.csv'));
    writeFileSync(path.join(out, 'graph.csv', 'mine.txt'), 'mine');
    const run = await servflow('analyze', '--out', out, '--quiet');
    expectRefused(run, /graph\.csv is a folder/);
    expect(readFileSync(path.join(out, 'graph.csv', 'mine.txt'), 'utf8')).toBe('mine');
  });

  it('a .servflow-history folder in --out survives a run', async () => {
    const out = emptyFolder();
    mkdirSync(path.join(out, '.servflow-history'));
    writeFileSync(path.join(out, '.servflow-history', 'log'), 'mine');
    expect((await servflow('analyze', '--out', out, '--quiet', '--format', 'json')).code).toBe(0);
    expect(readFileSync(path.join(out, '.servflow-history', 'log'), 'utf8')).toBe('mine');
  });
});

describe('5. manifest paths stay inside the dataset folder unless --data-root', () => {
  const outside = emptyFolder();
  writeFileSync(path.join(outside, 'secret.csv'), 'root:x:0:0:root:/root:/bin/bash\n');

  it('an absolute path is refused without reading the file', async () => {
    const data = dataset({ 'servflow.json': manifest({ files: { supply: path.join(outside, 'secret.csv') } }) });
    const run = await servflow('validate', data);
    expectRefused(run, /servflow\.json:\d+:\d+: error: files\.supply: .*is outside the dataset folder.*--data-root/);
    expect(run.stderr).not.toContain('root:x');
  });

  it('a ../ path and a link pointing outside are refused', async () => {
    const relative = path.relative(dataset(), path.join(outside, 'secret.csv'));
    expectRefused(await servflow('validate', dataset({ 'servflow.json': manifest({ files: { supply: relative } }) })), /outside the dataset folder/);
    const data = dataset({ 'supply.csv': null });
    symlinkSync(path.join(outside, 'secret.csv'), path.join(data, 'supply.csv'));
    expectRefused(await servflow('validate', data), /files\.supply: "supply\.csv" is outside the dataset folder/);
  });

  it('--data-root lets the manifest reach a folder the user names', async () => {
    const data = dataset();
    const shared = path.join(path.dirname(data), `${path.basename(data)}-shared`);
    scratch.push(shared);
    mkdirSync(shared);
    writeFileSync(path.join(shared, 'supply.csv'), readFileSync(path.join(data, 'supply.csv')));
    writeFileSync(path.join(data, 'servflow.json'), manifest({ files: { supply: `../${path.basename(shared)}/supply.csv` } }));
    expect((await servflow('validate', data)).code).toBe(2);
    const run = await servflow('validate', data, '--data-root', path.dirname(data));
    expect(run.code, run.stderr).toBe(0);
  });
});

describe('6. control characters never reach the terminal', () => {
  it('a name with escape sequences is warned at file:line:column and printed escaped', async () => {
    const file = readFileSync('data/municipalities.csv', 'utf8').replace('Brzozie', 'Brzo\u001b]0;pwned\u0007zie\u001b[31m');
    const data = dataset({ 'municipalities.csv': file, 'servflow.json': manifest({ name: 'Name\u001b[2J' }) });
    const validate = await servflow('validate', data);
    expect(validate.code).toBe(0);
    expect(validate.stderr).toMatch(/municipalities\.csv:3:2: warning: the cell holds the control character \\x1b/);
    const analyze = await servflow('analyze', data, '--out', emptyFolder());
    expect(analyze.code, analyze.stderr).toBe(0);
    expect(analyze.stdout).toContain('Name\\x1b[2J');
    for (const text of [validate.stdout, validate.stderr, analyze.stdout, analyze.stderr]) expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('--json output on stdout carries C1 and bidirectional characters as \\u escapes (same JSON)', async () => {
    const file = readFileSync('data/municipalities.csv', 'utf8').replace('Brzozie', 'Brzo\u009bzie\u202e');
    const run = await servflow('analyze', dataset({ 'municipalities.csv': file }), '--json', '--out', emptyFolder(), '--format', 'json');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Brzo\\u009bzie\\u202e');
    expect(run.stdout).not.toMatch(/[\u007f-\u009f\u202a-\u202e]/);
    expect(JSON.stringify(JSON.parse(run.stdout))).toContain('Brzo\u009bzie\u202e');
  });

  it('the explorer data holds the names escaped', async () => {
    const { terminalAnalysis } = await import('../tui/view-model.js');
    const { loadDataset } = await import('../io/load-dataset.js');
    const { analyze } = await import('../analysis/analyze.js');
    const file = readFileSync('data/municipalities.csv', 'utf8').replace('Brzozie', 'Brzo\bzie\u202e');
    const shown = terminalAnalysis(analyze(loadDataset(dataset({ 'municipalities.csv': file })).dataset, DEFAULT_PARAMETERS));
    expect(shown.dataset.municipalities.map((m) => m.name)).toContain('Brzo\\x08zie\\u{202e}');
  });
});

describe('8. only regular files are read', () => {
  it('a folder, "." and an empty path where a file is expected', async () => {
    expectRefused(await servflow('validate', dataset({ 'servflow.json': manifest({ files: { supply: '.' } }) })), /supply.*this is a folder, not a data file|is a folder/);
    expectRefused(await servflow('validate', dataset({ 'servflow.json': manifest({ files: { supply: '' } }) })), /"files\.supply" is an empty file name/);
    const data = dataset({ 'demand.csv': null });
    mkdirSync(path.join(data, 'demand.csv'));
    expectRefused(await servflow('validate', data), /demand\.csv: error: this is a folder, not a data file/);
  });

  it('a FIFO and a link to the zero device are refused at once, a kernel pseudo-file too', async () => {
    const data = dataset({ 'supply.csv': null, 'demand.csv': null });
    spawnSync('mkfifo', [path.join(data, 'supply.csv')]);
    symlinkSync('/dev/zero', path.join(data, 'demand.csv'));
    const run = await servflow('validate', data, '--data-root', '/');
    expectRefused(run, /supply\.csv: error: this is a named pipe \(FIFO\)/);
    expect(run.stderr).toMatch(/demand\.csv: error: this is a device/);
    const proc = dataset({ 'servflow.json': manifest({ files: { services: '/proc/self/status' } }) });
    expectRefused(await servflow('validate', proc, '--data-root', '/'), /kernel pseudo-file/);
  });

  it('what is read is capped', async () => {
    const { readInputFile } = await import('../io/read-input.js');
    const data = dataset();
    const refused = readInputFile(path.join(data, 'flows.csv'), 100);
    expect(refused.ok === false && refused.code).toBe('too-large');
  });
});

describe('9. a file with 200,000 errors', () => {
  it('exits 2 listing the first of each kind and a count of the rest', async () => {
    const rows = Array.from({ length: 200_000 }, (_, k) => `0402073,preschool,-${k + 1}`).join('\n');
    const run = await servflow('validate', dataset({ 'demand.csv': `municipality,service,demand\n${rows}\n` }));
    expectRefused(run, /and 199,000 more negative errors in this file/);
    expect(run.stderr.split('\n').length).toBeLessThan(200);
  });
});

describe('10. implausible and non-finite numbers', () => {
  it('an amount of 10^15, a cost of 1e300 and a weighted sum that overflows are input errors', async () => {
    const supply = readFileSync('data/supply.csv', 'utf8').replace('0402073,preschool,330', '0402073,preschool,1000000000000000');
    const services = readFileSync('data/services.csv', 'utf8').replace('45000,1500000', '1e300,1500000');
    const run = await servflow('validate', dataset({ 'supply.csv': supply, 'services.csv': services }));
    expectRefused(run, /supply\.csv:2:3: error: capacity "1000000000000000" is implausibly large/);
    expect(run.stderr).toMatch(/services\.csv:2:8: error: capex_per_place "1e300" is implausibly large/);
    const demand = `municipality,service,a,b\n${readFileSync('data/demand.csv', 'utf8')
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => `${line.split(',').slice(0, 2).join(',')},500000000000,500000000000`)
      .join('\n')}\n`;
    const weighted = dataset({ 'demand.csv': demand, 'servflow.json': manifest({ columns: { demand: { demand: { a: 1e300, b: 1e300 } } } }) });
    expectRefused(await servflow('validate', weighted), /demand .*the weighted sum of columns 3, 4.* is implausibly large/);
  });
});

describe('11. settings that crashed', () => {
  it('time_limit_s: 0 and an empty files list exit 2', async () => {
    expectRefused(await servflow('analyze', dataset({ 'servflow.json': manifest({ parameters: { time_limit_s: 0 } }) }), '--out', emptyFolder()), /time_limit_s must be greater than 0/);
    expectRefused(await servflow('validate', dataset({ 'servflow.json': manifest({ files: { supply: [] } }) })), /"files\.supply" lists no file/);
  });
});

describe('12. write problems on --out: exit 2 with the reason, previous set intact', () => {
  it('an existing file, a path under a file, an empty name, the null device, a dangling link', async () => {
    const root = emptyFolder();
    writeFileSync(path.join(root, 'file'), 'x');
    symlinkSync(path.join(root, 'nowhere'), path.join(root, 'dangling'));
    expectRefused(await servflow('analyze', '--out', path.join(root, 'file'), '--quiet'), /cannot write reports to .*file: it is not a folder/);
    expectRefused(await servflow('analyze', '--out', path.join(root, 'file', 'sub'), '--quiet'), /cannot write reports to .*file\/sub: (not a directory|file already exists)/);
    expectRefused(await servflow('analyze', '--out', '', '--quiet'), /the output folder is an empty name/);
    expectRefused(await servflow('analyze', '--out', '/dev/null', '--quiet'), /\/dev\/null: it is not a folder/);
    expectRefused(await servflow('analyze', '--out', path.join(root, 'dangling'), '--quiet'), /dangling symbolic link/);
    expect(readFileSync(path.join(root, 'file'), 'utf8')).toBe('x');
  });

  it('a full disk or a read-only mount names the OS reason, and the previous set stays', async () => {
    const { writeReports } = await import('../io/write-reports.js');
    const out = emptyFolder();
    writeReports(
      out,
      new Map([
        ['a.csv', 'old a'],
        ['b.csv', 'old b'],
      ]),
    );
    const before = contents(out);
    for (const [code, reason] of [
      ['ENOSPC', 'no space left on device'],
      ['EROFS', 'read-only file system'],
    ]) {
      const failing = () =>
        writeReports(
          out,
          new Map([
            ['a.csv', 'new a'],
            ['b.csv', 'new b'],
          ]),
          {
            afterWrite: () => {
              throw Object.assign(new Error(`${code}: ${reason}, write`), { code });
            },
          },
        );
      expect(failing).toThrow(`cannot write reports to ${out}: ${reason}`);
      expect(contents(out)).toEqual(before);
    }
  });

  it("a live lock is waited for, then named; a dead run's lock is taken over", async () => {
    const { writeReports, LOCK_NAME } = await import('../io/write-reports.js');
    const out = emptyFolder();
    writeFileSync(path.join(out, LOCK_NAME), JSON.stringify({ pid: process.ppid, host: os.hostname(), token: 'live' }));
    expect(() => writeReports(out, new Map([['a.csv', 'a']]), { lockWaitMs: 50 })).toThrow(/another servflow run \(process \d+ on .*\) is writing there/);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(path.join(out, LOCK_NAME), JSON.stringify({ pid: Number(dead), host: os.hostname(), token: 'dead' }));
    expect(writeReports(out, new Map([['a.csv', 'a']]), { lockWaitMs: 50 })).toEqual(['a.csv']);
  });
});

describe('13. many unknown manifest keys', () => {
  it('20,000 unknown keys: the first 50 located, the rest counted', async () => {
    const keys = Object.fromEntries(Array.from({ length: 20_000 }, (_, k) => [`unknown_${k}`, k]));
    const run = await servflow('validate', dataset({ 'servflow.json': manifest(keys) }));
    expectRefused(run, /servflow\.json:2:3: error: unknown key "unknown_0"/);
    expect(run.stderr).toContain('… and 19,950 more unknown keys');
    expect(run.stderr).toMatch(/servflow\.json:51:3: error: unknown key "unknown_49"/);
  });
});

describe('14. a partnership too dense for §6–§7', () => {
  it('1,000 gminy at one point, every pair within the catchment: refused at once, saying why', async () => {
    const ids = Array.from({ length: 1000 }, (_, k) => `04${String(10 + Math.floor(k / 90)).padStart(2, '0')}${String(1 + (k % 90)).padStart(2, '0')}2`);
    const data = dataset({
      'municipalities.csv': `id,name,population,lat,lon,partner\n${ids.map((id, k) => `${id},Gmina ${k},${1000 + k},53.0,19.0,true`).join('\n')}\n`,
      'services.csv': 'id,name,unit,catchment_km,min_facility_size,capex_per_place,opex_per_place\nschool,School,places,30,10,1000,100\n',
      'supply.csv': `municipality,service,capacity\n${ids
        .filter((_, k) => k % 2 === 0)
        .map((id) => `${id},school,50`)
        .join('\n')}\n`,
      'demand.csv': `municipality,service,demand\n${ids.map((id, k) => `${id},school,${30 + (k % 7)}`).join('\n')}\n`,
      'flows.csv': null,
      'boundaries.geojson': null,
    });
    const run = await servflow('analyze', data, '--out', emptyFolder());
    expectRefused(run, /service school: 999 partners lie within the 30 km catchment of Gmina 0 \(0410012\); facility location and cost sharing .* would not finish/);
  });
});

describe('15. validate reads every file analyze reads', () => {
  it('a broken boundaries.geojson fails validate as it fails analyze', async () => {
    const data = dataset({ 'boundaries.geojson': '{"type": "FeatureCollection", "features": [\n  {"type": }\n]}\n' });
    expectRefused(await servflow('validate', data), /boundaries\.geojson:2:12: error: not valid JSON: unexpected "}", expected a value/);
  });
});

describe('16. prototype names are not parameters, services or encodings', () => {
  it.each([
    [{ parameters: { constructor: 1 } }, /unknown parameter "constructor"/],
    [{ parameters: { toString: 1 } }, /unknown parameter "toString"/],
    [{ services: { preschool: { constructor: 1 } } }, /services\.preschool\.constructor unknown service parameter/],
    [{ services: { ['__proto__']: { catchment_km: 5 } } }, /there is no service "__proto__"/],
    [{ files: { supply: { path: 'supply.csv', encoding: 'constructor' } } }, /"encoding" must be one of/],
  ])('%j', async (value, pattern) => {
    const run = await servflow('validate', dataset({ 'servflow.json': `{${JSON.stringify(value).slice(1, -1)}}` }));
    expectRefused(run, pattern);
    expect(run.stderr).not.toContain('native code');
  });
});

describe('17. include matching nothing, a name as a weighted sum', () => {
  it('both are input errors', async () => {
    const include = dataset({ 'servflow.json': manifest({ files: { municipalities: { path: 'municipalities.csv', include: ['9999'] } } }) });
    expectRefused(await servflow('analyze', include, '--out', emptyFolder()), /"include" \["9999"\] matches none of the 7 rows/);
    const weighted = dataset({ 'servflow.json': manifest({ columns: { municipalities: { name: { name: 1, county: 1 } } } }) });
    expectRefused(await servflow('validate', weighted), /name cannot be a weighted sum of columns/);
  });
});

describe('18. dangling links and late NUL bytes', () => {
  it('a dangling flows.csv is an error, not estimated flows; a dangling manifest too', async () => {
    const data = dataset({ 'flows.csv': null });
    symlinkSync(path.join(data, 'gone.csv'), path.join(data, 'flows.csv'));
    expectRefused(await servflow('validate', data), /flows\.csv: error: the file is a link to nothing/);
    const manifestLink = dataset({ 'servflow.json': null });
    symlinkSync(path.join(manifestLink, 'gone.json'), path.join(manifestLink, 'servflow.json'));
    expectRefused(await servflow('validate', manifestLink), /servflow\.json: error: the file is a link to nothing/);
  });

  it('a NUL byte after the first 64 KiB is refused', async () => {
    const padding = Array.from({ length: 4000 }, () => '0402073,preschool,1').join('\n');
    const run = await servflow('validate', dataset({ 'flows.csv': `origin,destination,service,users\n${padding}\n0402073,0402073,preschool,1\u0000\n` }));
    expectRefused(run, /flows\.csv:1: error: binary file \(NUL byte at offset \d{5,}\)/);
  });
});

describe('19. files that give few rows are named', () => {
  it('unknown_municipalities "skip" dropping every row is warned, rows used listed next to rows read', async () => {
    const supply = `municipality,service,capacity\n${Array.from({ length: 10 }, (_, k) => `99000${k}0,preschool,10`).join('\n')}\n`;
    const data = dataset({ 'extra-supply.csv': supply, 'servflow.json': manifest({ files: { supply: ['supply.csv', { path: 'extra-supply.csv', unknown_municipalities: 'skip' }] } }) });
    const run = await servflow('validate', data);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/extra-supply\.csv: warning: none of the 10 rows was used \(all skipped by "unknown_municipalities": "skip"\)/);
    expect(run.stdout).toMatch(/extra-supply\.csv {2}10 rows read, 0 used/);
  });
});

describe('21. messages', () => {
  it('a manifest syntax error is located where it is, without a raw snippet', async () => {
    const run = await servflow('validate', dataset({ 'servflow.json': '{\n  "name": "x",\n  "year": }\n' }));
    expectRefused(run, /servflow\.json:3:11: error: not valid JSON: unexpected "}", expected a value$/m);
    expect(run.stderr).not.toContain('is not valid JSON');
  });

  it('a latitude of 90° (the map had NaN paths) is refused as implausible', async () => {
    const file = readFileSync('data/municipalities.csv', 'utf8').replace('53.303512', '90');
    expectRefused(await servflow('validate', dataset({ 'municipalities.csv': file })), /municipalities\.csv:3:6: error: lat must be at most 85, got "90"/);
  });

  it('a 10 MB value is shortened in a number error', async () => {
    const supply = readFileSync('data/supply.csv', 'utf8').replace('0402073,preschool,330', `0402073,preschool,${'7x'.repeat(5_000_000)}`);
    const run = await servflow('validate', dataset({ 'supply.csv': supply }));
    expectRefused(run, /supply\.csv:2:3: error: capacity: "(7x)+7…" is not a number/);
    expect(run.stderr.length).toBeLessThan(2000);
  });
});
