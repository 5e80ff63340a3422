/**
 * Cost sharing in the sample analysis end to end (METHODS.md §7): for the
 * nursery service the proportional rules charge some group more than going
 * alone, and the Shapley value does not. report.md must say so in words,
 * and summary.json and cost-sharing.csv must agree with it. Spawns the built
 * binary (`npm test` builds first) on data/ and writes into a temporary
 * folder, never into reports/.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servflow, type Run } from '../testing/servflow.js';


interface Check {
  complete: boolean;
  violations: { coalition: string[]; excess: number }[];
}
interface CostSharingJson {
  players: string[];
  grand_cost: number;
  shapley_exact: boolean;
  shares: { municipality: string; standalone: number; by_use: number; by_population: number; shapley: number }[];
  core: Record<'shapley' | 'by_use' | 'by_population', Check>;
}

const out = mkdtempSync(path.join(tmpdir(), 'servflow-analyze-'));
let run: Run;
beforeAll(async () => {
  run = await servflow('analyze', 'data', '--out', out);
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

/**
 * The "Working together" paragraph (italic or bold) that follows the
 * findings of the service whose bold heading starts with `service`.
 */
function workingTogether(report: string, service: string): string {
  const lines = report.split('\n');
  const at = lines.findIndex((line) => line.startsWith(`**${service}`));
  expect(at).toBeGreaterThanOrEqual(0);
  const paragraph = lines.slice(at + 1).find((line) => line.trim() !== '');
  expect(paragraph).toMatch(/^(\*{1,2})Working together\.\1 /);
  return paragraph!;
}

describe('servflow analyze on the sample: who pays for nurseries', () => {
  it('runs cleanly', () => {
    expect(run.status).toBe(0);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('report.md: both proportional rules are "not in the core", the Shapley value is not questioned', () => {
    const paragraph = workingTogether(readFileSync(path.join(out, 'report.md'), 'utf8'), 'Nursery');
    expect(paragraph).toContain('by the Shapley value:');
    expect(paragraph).toMatch(/shares proportional to places used would charge (?:(?!proportional to).)+? that rule is not in the core/);
    expect(paragraph).toMatch(/shares proportional to population would charge (?:(?!proportional to).)+? that rule is not in the core/);
    expect(paragraph).not.toContain('Even the Shapley value');
  });

  it('summary.json agrees: violations for both proportional rules, none for Shapley; singleton excesses are share − stand-alone', () => {
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as { services: { id: string; cooperation: { cost_sharing: CostSharingJson } }[] };
    const nursery = summary.services.find((service) => service.id === 'nursery')!.cooperation.cost_sharing;
    expect(nursery.shapley_exact).toBe(true);
    expect(nursery.core.shapley).toMatchObject({ complete: true, violations: [] });
    expect(nursery.core.by_use.violations.length).toBeGreaterThan(0);
    expect(nursery.core.by_population.violations.length).toBeGreaterThan(0);
    const total = (pick: (share: CostSharingJson['shares'][number]) => number) => nursery.shares.reduce((sum, share) => sum + pick(share), 0);
    for (const pick of [(s: CostSharingJson['shares'][number]) => s.shapley, (s: CostSharingJson['shares'][number]) => s.by_use, (s: CostSharingJson['shares'][number]) => s.by_population]) {
      expect(Math.abs(total(pick) - nursery.grand_cost)).toBeLessThanOrEqual(1e-6 * nursery.grand_cost);
    }
    for (const rule of ['by_use', 'by_population'] as const) {
      for (const violation of nursery.core[rule].violations) {
        expect(violation.excess).toBeGreaterThan(0);
        if (violation.coalition.length !== 1) continue;
        const share = nursery.shares.find((s) => s.municipality === violation.coalition[0])!;
        expect(violation.excess).toBeCloseTo(share[rule] - share.standalone, 3);
      }
    }
    // no one pays more than going alone under the Shapley value
    for (const share of nursery.shares) expect(share.shapley).toBeLessThanOrEqual(share.standalone + 1e-6);
  });

  it('cost-sharing.csv: every nursery row is in the core under the Shapley value', () => {
    const [header, ...rows] = readFileSync(path.join(out, 'cost-sharing.csv'), 'utf8').trimEnd().split('\n').map((line) => line.split(','));
    const column = (name: string) => header.indexOf(name);
    const nursery = rows.filter((row) => row[column('service')] === 'nursery');
    expect(nursery.length).toBeGreaterThan(1);
    expect(nursery.map((row) => row[column('core_ok')])).toEqual(nursery.map(() => 'true'));
  });
});
