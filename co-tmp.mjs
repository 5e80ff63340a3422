import loadHighs from 'highs';
import { loadDataset } from './dist/io/load-dataset.js';
import { analyze } from './dist/analysis/analyze.js';
import { highsSolver } from './dist/analysis/linear-program.js';
const t0 = performance.now();
const solver = highsSolver(await loadHighs());
const t1 = performance.now();
const { dataset } = loadDataset(process.argv[2] ?? 'data');
const a = analyze(dataset, { solver });
console.log('highs load', (t1 - t0).toFixed(0), 'analyze', (performance.now() - t1).toFixed(0), 'ms');
const ids = dataset.municipalities.map(m => m.name);
for (const s of a.services) {
  const c = s.cooperation;
  console.log(s.service.id, 'unmet', c.unmetBefore.toFixed(1), '→', c.unmetAfter.toFixed(1), 'self-reliant', c.unmetSelfReliant);
  for (const ag of c.agreements) console.log('  agreement', ids[ag.buyer], '→', ids[ag.provider], ag.places.toFixed(2), ag.km.toFixed(1));
  const inv = c.investment;
  console.log('  invest', inv.methods, 'cost', inv.cost.toFixed(0), 'gap', inv.gap, 'unreachable', inv.unreachable);
  for (const f of inv.facilities) console.log('   ', ids[f.municipality], f.kind, f.places.toFixed(1), f.capex.toFixed(0), f.serves.map(s => ids[s.municipality] + ':' + s.residents.toFixed(1)).join(' '));
  const cs = c.costSharing;
  console.log('  players', cs.players.map(i => ids[i]), 'grand', cs.grandCost.toFixed(0), 'exact', cs.exact, 'games', cs.games);
  console.log('  standalone', Array.from(cs.standalone, x => x.toFixed(0)), 'shapley', Array.from(cs.shapley, x => x.toFixed(0)), 'byPop', Array.from(cs.byPopulation, x=>x.toFixed(0)));
  console.log('  core violations', cs.core.shapley.violations.length, cs.core.by_use.violations.length, cs.core.by_population.violations.length);
}
for (const s of a.services) console.log(s.service.id, Array.from(s.cooperation.sharing.unmet).map(x=>x.toExponential(3)).join(' '));
