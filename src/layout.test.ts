/**
 * The layout of src/ (docs/contributing.md "Layout and import rules"): which
 * folder may import which, the methods' sections in the order of
 * docs/methods.md, the file system only at the edges, file names and sizes.
 * The rules hold for the code that ships; tests (*.test.ts) and their
 * helpers (src/testing/) may import anything, since they check the whole.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The folders of src/analysis: the code of §1–§7 of docs/methods.md, in that order. */
const SECTIONS = ['imbalance', 'flow-graph', 'accessibility', 'gravity', 'sharing', 'location', 'cost-sharing'];

const ANALYSIS = ['analysis', ...SECTIONS.map((section) => `analysis/${section}`)];

/** Area → the areas its code may import (besides its own). */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  engines: [],
  errors: ['model'],
  model: ['engines', 'errors'],
  ...Object.fromEntries(SECTIONS.map((section, k) => [`analysis/${section}`, ['engines', 'model', 'errors', ...SECTIONS.slice(0, k).map((earlier) => `analysis/${earlier}`)]])),
  analysis: ['engines', 'model', 'errors', ...ANALYSIS],
  io: ['engines', 'model', 'errors'],
  report: ['engines', 'model', 'errors', ...ANALYSIS],
  tui: ['engines', 'model', 'errors', 'report', ...ANALYSIS],
  cli: ['engines', 'model', 'errors', 'io', 'report', 'tui', ...ANALYSIS],
  start: ['cli'],
};

/** Node modules that reach the file system, the network, other processes or threads: only at the edges. */
const EDGE_MODULES = ['node:fs', 'node:fs/promises', 'node:os', 'node:child_process', 'node:worker_threads', 'node:net', 'node:http', 'node:https'];
const EDGES = ['cli', 'io', 'start'];

const MAX_LINES = 400;

/** The area of a file under src/: `analysis/<section>` for a method's folder, else its top folder, or the root file's name. */
function areaOf(file: string): string {
  const parts = file.split('/');
  if (parts.length === 1) return parts[0].replace(/\.(js|tsx?)$/, '');
  if (parts[0] === 'analysis' && parts.length > 2) return `analysis/${parts[1]}`;
  return parts[0];
}

/** Import specifiers of a module's text: static, dynamic, re-exports and side-effect imports (comments skipped). */
function importsOf(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  for (const match of code.matchAll(/\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm)) {
    found.push(match[1] ?? match[2] ?? match[3]);
  }
  return found;
}

interface Source {
  /** Path under src/, with `/`. */
  readonly file: string;
  readonly text: string;
}

/** Each import of a shipped module that breaks a rule, as `file: import (why)`. */
function violations(sources: readonly Source[]): string[] {
  const found: string[] = [];
  for (const { file, text } of sources) {
    const from = areaOf(file);
    const allowed = ALLOWED[from];
    if (!allowed) {
      found.push(`${file}: area ${from} has no rule (add it to src/layout.test.ts and docs/contributing.md)`);
      continue;
    }
    for (const specifier of importsOf(text)) {
      if (specifier.startsWith('.')) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
        const to = areaOf(target);
        if (target.startsWith('..')) found.push(`${file}: ${specifier} (outside src/)`);
        else if (to !== from && !allowed.includes(to)) found.push(`${file}: ${specifier} (${from} may not import ${to})`);
      } else if (EDGE_MODULES.includes(specifier) && !EDGES.includes(from)) {
        found.push(`${file}: ${specifier} (only ${EDGES.join(', ')} reach the file system, processes or threads)`);
      }
    }
  }
  return found;
}

const isTest = (file: string): boolean => /\.test\.tsx?$/.test(file);

function sourceFiles(folder = 'src'): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const full = path.join(folder, entry);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(entry) ? [path.relative('src', full).split(path.sep).join('/')] : [];
  });
}

const files = sourceFiles();
const shipped = files.filter((file) => !isTest(file) && areaOf(file) !== 'testing');

describe('the rules themselves', () => {
  it('catch a forbidden import, a section importing a later one, the pipeline from a section, and fs outside the edges', () => {
    expect(
      violations([
        { file: 'engines/random.ts', text: "import type { Analysis } from '../analysis/analyze.js';" },
        { file: 'analysis/gravity/gravity.ts', text: "import { shareCapacity } from '../sharing/sharing.js';" },
        { file: 'analysis/location/location.ts', text: "import type {\n  CooperationOptions,\n} from '../cooperation.js';" },
        { file: 'report/csv.ts', text: "import { readFileSync } from 'node:fs';" },
        { file: 'model/types.ts', text: "export { helper } from '../testing/graphs.js';" },
        { file: 'tui/App.tsx', text: "const cli = await import('../cli/main.js');" },
        { file: 'widgets/button.ts', text: '' },
      ]),
    ).toEqual([
      'engines/random.ts: ../analysis/analyze.js (engines may not import analysis)',
      'analysis/gravity/gravity.ts: ../sharing/sharing.js (analysis/gravity may not import analysis/sharing)',
      'analysis/location/location.ts: ../cooperation.js (analysis/location may not import analysis)',
      'report/csv.ts: node:fs (only cli, io, start reach the file system, processes or threads)',
      'model/types.ts: ../testing/graphs.js (model may not import testing)',
      'tui/App.tsx: ../cli/main.js (tui may not import cli)',
      'widgets/button.ts: area widgets has no rule (add it to src/layout.test.ts and docs/contributing.md)',
    ]);
  });

  it('let allowed imports pass and skip comments', () => {
    expect(
      violations([
        { file: 'analysis/cost-sharing/cost-sharing.ts', text: "import { solveLocation } from '../location/location.js';\nimport { components } from '../../engines/components.js';" },
        { file: 'cli/report.ts', text: "import { readFileSync } from 'node:fs';\nimport { reportSet } from '../report/report-set.js';" },
        { file: 'engines/random.ts', text: "/** Used as `import { analyze } from '../analysis/analyze.js'`. */\n// import '../cli/main.js';" },
      ]),
    ).toEqual([]);
  });
});

describe('src/', () => {
  it('has a rule for every folder, and every folder of src/analysis is the code of its section of docs/methods.md', () => {
    const areas = new Set(shipped.map(areaOf));
    expect([...areas].filter((area) => !(area in ALLOWED))).toEqual([]);
    const folders = readdirSync('src/analysis').filter((entry) => statSync(path.join('src/analysis', entry)).isDirectory());
    expect(folders.sort()).toEqual([...SECTIONS].sort());
    // §k names SECTIONS[k − 1]'s folder as its code.
    const methods = readFileSync('docs/methods.md', 'utf8');
    const sectionText = (k: number): string => methods.slice(methods.indexOf(`\n## ${k}. `), methods.indexOf(`\n## ${k + 1}. `));
    expect(SECTIONS.filter((section, k) => !sectionText(k + 1).includes(`src/analysis/${section}/`))).toEqual([]);
  });

  it('keeps every import of the shipped code within the rules', () => {
    expect(violations(shipped.map((file) => ({ file, text: readFileSync(path.join('src', file), 'utf8') })))).toEqual([]);
  });

  it(`has no file over ${MAX_LINES} lines, tests included`, () => {
    const long = files.map((file) => ({ file, lines: readFileSync(path.join('src', file), 'utf8').split('\n').length - 1 })).filter(({ lines }) => lines > MAX_LINES);
    expect(long).toEqual([]);
  });

  it('names files in kebab-case (PascalCase for ink components)', () => {
    const named = (file: string): boolean => /^[a-z0-9]+(-[a-z0-9]+)*(\.test)?\.tsx?$/.test(path.basename(file)) || /^[A-Z][A-Za-z]*(\.test)?\.tsx$/.test(path.basename(file));
    expect(files.filter((file) => !named(file))).toEqual([]);
  });

  it('is described folder by folder in README.md, and so is the root', () => {
    const readme = readFileSync('README.md', 'utf8');
    const from = readme.indexOf('## Project layout');
    const to = readme.indexOf('\n## ', from + 1);
    const layout = readme.slice(from, to < 0 ? undefined : to);
    const folders = (folder: string): string[] =>
      readdirSync(folder)
        .filter((entry) => statSync(path.join(folder, entry)).isDirectory())
        .flatMap((entry) => [`${folder}/${entry}`, ...folders(`${folder}/${entry}`)]);
    expect(folders('src').filter((folder) => !layout.includes(`\`${folder}/\``))).toEqual([]);
    // Everything at the root but git's own folder and what .gitignore leaves out of the repository, unless README names it too.
    const ignored = readFileSync('.gitignore', 'utf8')
      .split('\n')
      .map((line) => line.trim().replace(/^\//, '').replace(/\/$/, ''))
      .filter((line) => line !== '' && !line.startsWith('#'));
    const isIgnored = (entry: string): boolean => ignored.some((pattern) => (pattern.startsWith('*') ? entry.endsWith(pattern.slice(1)) : entry === pattern));
    const named = (entry: string): boolean => layout.includes(`\`${entry}\``) || layout.includes(`\`${entry}/\``);
    expect(readdirSync('.').filter((entry) => entry !== '.git' && !named(entry) && !isIgnored(entry))).toEqual([]);
  });
});
