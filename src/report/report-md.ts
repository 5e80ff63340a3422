/**
 * report.md: findings in sentences first, then the tables — ready to paste
 * into a partnership document. Names are data: Markdown and HTML characters
 * in them are escaped.
 */
import type { Analysis, ServiceAnalysis } from '../analysis/analyze.js';
import type { Issue } from '../model/issue.js';
import { formatIssue } from '../model/issue.js';
import type { ServiceCooperation } from '../analysis/cooperation.js';
import { cooperationSentences, money } from './cooperation-findings.js';
import { areaFindings, serviceFindings } from './findings.js';
import { humanNumber, percent, signed } from './format.js';
import { displayNames } from './names.js';

/** Escape text for Markdown (and the HTML a Markdown renderer lets through). */
export function mdText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/[`*_[\]#|~]/g, (char) => `\\${char}`)
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}

function table(header: readonly string[], rows: readonly (readonly string[])[], align: readonly ('l' | 'r')[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${align.map((a) => (a === 'r' ? '---:' : ':---')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

function serviceTable(analysis: Analysis, result: ServiceAnalysis, names: readonly string[]): string[] {
  const rows = result.municipalities.map((row, i) => [
    mdText(names[i]) + (analysis.dataset.municipalities[i].partner ? '' : ' ◦'),
    humanNumber(row.supply),
    humanNumber(row.demand),
    signed(row.balance),
    percent(row.coverage),
    humanNumber(row.inflow),
    humanNumber(row.outflow),
    signed(row.netFlow),
    humanNumber(row.local) + (row.localInferred ? '*' : ''),
    humanNumber(row.unmet),
    humanNumber(row.spare),
    humanNumber(result.accessibility.access[i], 2),
    row.class,
  ]);
  return table(['Municipality', 'Supply', 'Demand', 'Balance', 'Coverage', 'Inflow', 'Outflow', 'Net flow', 'Local', 'Unmet', 'Spare', 'Access (2SFCA)', 'Class'], rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l']);
}

function graphTable(analysis: Analysis, names: readonly string[]): string[] {
  const { nodes } = analysis.combined;
  const order = analysis.dataset.municipalities.map((_, i) => i).sort((a, b) => nodes.pagerank[b] - nodes.pagerank[a] || a - b);
  const hits = analysis.combined.hitsConverged;
  const rows = order.map((i) => [
    mdText(names[i]),
    humanNumber(nodes.weightedInDegree[i]),
    humanNumber(nodes.weightedOutDegree[i]),
    humanNumber(nodes.pagerank[i], 3),
    hits ? humanNumber(nodes.hub[i], 3) : '–',
    hits ? humanNumber(nodes.authority[i], 3) : '–',
    String(analysis.areas.area[i]),
  ]);
  return table(['Municipality', 'Inflow', 'Outflow', 'PageRank', 'Hub', 'Authority', 'Area'], rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r']);
}

function gravityTable(analysis: Analysis): string[] {
  const rows = analysis.services.map((result) => {
    const { gravity } = result;
    const fit = gravity.fit;
    const beta = `${humanNumber(gravity.beta, 4)}${fit ? ` (${humanNumber(fit.betaSE, 4)})` : ''}`;
    const alpha = `${humanNumber(gravity.alpha, 3)}${fit && !fit.alphaFixed ? ` (${humanNumber(fit.alphaSE, 3)})` : ''}`;
    return [
      mdText(result.service.name),
      result.flowsEstimated ? 'estimated' : fit ? 'calibrated' : 'not calibrated',
      gravity.form === 'exp' ? 'exp(−βd)' : 'd^−β',
      beta,
      alpha,
      fit ? humanNumber(fit.pairs) : '–',
      fit ? humanNumber(fit.pseudoR2, 3) : '–',
      fit ? humanNumber(fit.srmse, 3) : '–',
      fit ? humanNumber(fit.sorensen, 3) : '–',
      fit ? humanNumber(fit.meanTripObserved, 2) : '–',
      fit ? humanNumber(fit.meanTripModelled, 2) : '–',
    ];
  });
  return table(
    ['Service', 'Flows', 'Decay', 'β (SE)', 'α (SE)', 'Pairs', 'Pseudo-R²', 'SRMSE', 'Sørensen', 'Mean trip, observed km', 'Mean trip, modelled km'],
    rows,
    ['l', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
}

function cooperationTables(analysis: Analysis, c: ServiceCooperation, names: readonly string[]): string[] {
  const lines: string[] = [];
  if (c.agreements.length > 0) {
    lines.push(
      `### ${mdText(c.service.name)}: capacity-sharing agreements`,
      '',
      ...table(
        ['Buyer', 'Provider', 'Places', 'km', 'Yearly cost (PLN)'],
        c.agreements.map((a) => [mdText(names[a.buyer]), mdText(names[a.provider]), humanNumber(a.places), humanNumber(a.km, 1), humanNumber(a.yearlyCost)]),
        ['l', 'l', 'r', 'r', 'r'],
      ),
      '',
    );
  }
  if (c.investment.facilities.length > 0) {
    lines.push(
      `### ${mdText(c.service.name)}: investments`,
      '',
      ...table(
        ['Municipality', 'Type', 'Places', 'Capex (PLN)', 'Opex per year (PLN)', 'Serves', 'Mean km', 'Max km'],
        c.investment.facilities.map((f) => [
          mdText(names[f.municipality]),
          f.kind,
          humanNumber(f.places),
          humanNumber(f.capex),
          humanNumber(f.opexPerYear),
          f.serves.map((s) => `${mdText(names[s.municipality])} ${humanNumber(s.residents)}`).join(', '),
          humanNumber(f.meanKm, 1),
          humanNumber(f.maxKm, 1),
        ]),
        ['l', 'l', 'r', 'r', 'r', 'l', 'r', 'r'],
      ),
      '',
    );
  }
  const s = c.costSharing;
  if (s.players.length > 0 && s.grandCost > 0) {
    const inCore = (rule: 'shapley' | 'by_use' | 'by_population', k: number) => (s.core[rule].violations.some((v) => v.coalition.includes(k)) ? 'no' : 'yes');
    lines.push(
      `### ${mdText(c.service.name)}: who pays (${money(s.grandCost)})`,
      '',
      ...table(
        ['Municipality', 'Stand-alone', 'By use', 'By population', 'Shapley', 'Saving', 'Shapley in core', 'By use in core', 'By population in core'],
        s.players.map((i, k) => [
          mdText(names[i]),
          humanNumber(s.standalone[k]),
          humanNumber(s.byUse[k]),
          humanNumber(s.byPopulation[k]),
          humanNumber(s.shapley[k]) + (s.exact ? '' : ` ± ${humanNumber(s.shapleySE[k])}`),
          humanNumber(s.standalone[k] - s.shapley[k]),
          inCore('shapley', k),
          inCore('by_use', k),
          inCore('by_population', k),
        ]),
        ['l', 'r', 'r', 'r', 'r', 'r', 'l', 'l', 'l'],
      ),
      '',
      `Costs in PLN: investment plus λ = ${humanNumber(analysis.dataset.parameters.lambda, 2)} PLN per person-km. "In core": the municipality is in no group that would pay less by going alone${s.core.shapley.complete ? '' : ' (checked for single municipalities, pairs and all-but-one groups)'}.`,
      '',
    );
  }
  return lines;
}

export function reportMd(analysis: Analysis, warnings: readonly Issue[]): string {
  const { dataset } = analysis;
  const names = displayNames(dataset.municipalities);
  const partners = dataset.municipalities.filter((m) => m.partner);
  const others = dataset.municipalities.filter((m) => !m.partner);
  const lines: string[] = [
    `# ${mdText(dataset.name)}${dataset.year !== undefined ? ` (${dataset.year})` : ''}: public-service flows`,
    '',
    `Partners: ${partners.map((m) => mdText(names[dataset.municipalities.indexOf(m)])).join(', ')}.` +
      (others.length > 0 ? ` Also analysed as providers: ${others.map((m) => mdText(names[dataset.municipalities.indexOf(m)])).join(', ')}.` : ''),
    '',
    '## Findings',
    '',
  ];
  for (const result of analysis.services) {
    const findings = serviceFindings(analysis, result, names);
    lines.push(`**${mdText(findings.service)}.** ${findings.sentences.map(mdText).join(' ')}`, '');
    if (result.cooperation) {
      lines.push(`*Working together.* ${cooperationSentences(result.cooperation, names, result.flowsEstimated).map(mdText).join(' ')}`, '');
    }
  }
  const areas = areaFindings(analysis, names);
  lines.push(mdText(areas[0]), '', ...areas.slice(1).map((sentence) => `- ${mdText(sentence)}`), '');
  for (const result of analysis.services) {
    lines.push(`## ${mdText(result.service.name)} (${mdText(result.service.unit)})`, '', ...serviceTable(analysis, result, names), '');
    const notes = [`Balance = supply − demand; net flow = inflow − outflow; access = places per resident in need within ${humanNumber(result.service.catchmentKm)} km (2SFCA).`];
    if (result.flowsEstimated) notes.push('Flows, local use, inflow, outflow and unmet demand are gravity-model estimates.');
    if (result.municipalities.some((row) => row.localInferred)) notes.push('\\* local use inferred (local-first rule).');
    if (dataset.municipalities.some((m) => !m.partner)) notes.push('◦ not a partner.');
    lines.push(notes.join(' '), '');
    if (result.cooperation) lines.push(...cooperationTables(analysis, result.cooperation, names));
  }
  lines.push('## Distance decay (gravity model)', '', ...gravityTable(analysis), '');
  lines.push(
    'Production-constrained gravity model T_ij = O_i·W_j^α·f(d_ij) / Σ_k W_k^α·f(d_ik), W = capacity, over destinations within twice the catchment; calibrated by Poisson maximum likelihood with origin fixed effects where flows were observed. Sørensen = common part of observed and modelled flows.',
    '',
  );
  lines.push('## Flow graph, all services', '', ...graphTable(analysis, names), '');
  lines.push(
    `Density ${humanNumber(analysis.combined.density, 3)}, reciprocity ${analysis.combined.reciprocity === null ? '–' : percent(analysis.combined.reciprocity)} of the flow volume. PageRank with damping 0.85 on flow weights; HITS scores sum to 1.`,
    '',
  );
  if (warnings.length > 0) {
    lines.push('## Data warnings', '', ...warnings.map((issue) => `- ${mdText(formatIssue(issue))}`), '');
  }
  lines.push('---', '', 'Generated by servflow from the dataset above; methods: servflow METHODS.md §1–§7.', '');
  return lines.join('\n');
}
