/**
 * `servflow explore` end to end: with stdout piped it prints the static
 * summary of `servflow analyze` and exits 0 (it never waits on a pipeline);
 * on a terminal (a pseudo-terminal made by util-linux `script`, when
 * present) it draws the explorer and quits on `q`. Needs the built binary
 * (`npm test` builds first).
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeAsLoaded } from '../testing/analysis.js';
import { loadDataset } from '../io/load-dataset.js';
import { terminalSummary } from '../report/terminal.js';
import { makeStyle } from './output.js';
import { servflowWith, type Run } from '../testing/servflow.js';

const BIN = path.resolve('bin/servflow');

/** The binary with every stream a pipe, as in `servflow explore | cat`; `env` over NO_COLOR=1. */
function servflow(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return servflowWith({ env }, ...args);
}

const summary = (folder: string): string => `${terminalSummary(analyzeAsLoaded(loadDataset(folder).dataset), makeStyle(false)).join('\n')}\n`;

describe('servflow explore with stdout piped', () => {
  it('prints the static summary of the sample and exits 0', async () => {
    const run = await servflow(['explore']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(summary('data'));
    expect(run.stderr).toBe('');
  });

  it('has no colours in a pipe, even without NO_COLOR', async () => {
    const run = await servflow(['explore', 'fixtures/analysis/hand-imbalance'], { NO_COLOR: undefined, FORCE_COLOR: undefined });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(summary('fixtures/analysis/hand-imbalance'));
    expect(run.stdout).not.toMatch(/\u001b\[/);
    // the dataset's warnings go to stderr, as with analyze
    expect(run.stderr).toMatch(/^servflow: .*warning/);
  });

  it('honours --service and reports usage errors with exit 2', async () => {
    const only = await servflow(['explore', 'fixtures/analysis/hand-imbalance', '--service', 'preschool']);
    expect(only.status).toBe(0);
    expect(only.stdout).toMatch(/1 service\n\nPreschool \(places\)/);
    const wrong = await servflow(['explore', 'fixtures/analysis/hand-imbalance', '--service', 'creche']);
    expect(wrong.status).toBe(2);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr).toMatch(/^servflow: --service: no service "creche"/);
  });
});

const hasScript = spawnSync('script', ['--version']).status === 0;

describe.skipIf(!hasScript)('servflow explore on a terminal', () => {
  it('draws the explorer in the alternate screen, moves on j and quits on q', async () => {
    const command = `stty cols 80 rows 24; exec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} explore fixtures/analysis/hand-imbalance`;
    // ink draws only the last frame when CI is set (as on the CI machine): a person at a terminal has no CI variable.
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env.CI;
    delete env.CONTINUOUS_INTEGRATION;
    const child = spawn('script', ['-qec', command, '/dev/null'], { env });
    let output = '';
    const seen = (text: string): Promise<void> =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${text}" on the terminal:\n${output}`)), 20_000);
        const check = (): void => {
          if (!output.includes(text)) return;
          clearTimeout(timer);
          child.stdout.off('data', check);
          resolve();
        };
        child.stdout.on('data', check);
        check();
      });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    await seen('q quit');
    expect(output).toContain('\u001b[?1049h');
    expect(output).toContain('› nursery ');
    child.stdin.write('j');
    await seen('› preschool ');
    child.stdin.write('q');
    expect(await closed).toBe(0);
    expect(output.trimEnd()).toMatch(/\u001b\[\?1049l(\u001b\[\?25h)*$/);
    expect(output).not.toMatch(/\u001b\[3[0-7]m/);
  });
});
