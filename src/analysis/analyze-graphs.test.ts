/**
 * When analyze() starts each flow graph's work (GraphWork): the graphs of
 * services with observed flows before any gravity model is run (on another
 * thread they then overlap the calibration and the estimates), the others
 * as their estimates are known, the combined graph last — and the results
 * are those of the default order.
 */
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../io/load-dataset.js';
import { runParameters } from '../model/parameters.js';
import { analyze } from './analyze.js';
import { IN_PROCESS_GRAPHS, type GraphWork } from './graph-work.js';

describe('analyze: the order in which flow graphs are started', () => {
  // The sample: nursery (first in the dataset's order) has no observed flows, preschool and primary_school have.
  const { dataset } = loadDataset('data');
  const parameters = runParameters(dataset.manifestParameters);
  const events: string[] = [];
  const serviceOf = (supply: readonly (number | string | null)[]): string => dataset.services[dataset.supply.findIndex((row) => row.every((value, i) => value === supply[i]))].id;
  const graphs: GraphWork = {
    measures(input) {
      events.push(`graph ${serviceOf(input.figures!.map((figures) => figures.supply))}`);
      return IN_PROCESS_GRAPHS.measures(input);
    },
    combined(input, seed) {
      events.push('combined');
      return IN_PROCESS_GRAPHS.combined(input, seed);
    },
  };
  const analysis = analyze(dataset, parameters, {
    graphs,
    time: (phase, work) => {
      if (phase === 'gravity') events.push('gravity');
      return work();
    },
  });

  it('the sample has what the test needs: the first service estimated, the two after it observed', () => {
    expect(dataset.services.map((service) => service.id)).toEqual(['nursery', 'preschool', 'primary_school']);
    expect(analysis.services.map((service) => service.flowsObserved)).toEqual([false, true, true]);
  });

  it('observed services first, before any gravity model; the estimated one after its estimate; the combined graph last', () => {
    const graphEvents = events.filter((event) => event !== 'gravity');
    expect(graphEvents).toEqual(['graph preschool', 'graph primary_school', 'graph nursery', 'combined']);
    expect(events.indexOf('graph primary_school')).toBeLessThan(events.indexOf('gravity'));
    expect(events.indexOf('graph nursery')).toBeGreaterThan(events.lastIndexOf('gravity'));
  });

  it('the same analysis as without a GraphWork', () => {
    expect(analysis).toEqual(analyze(dataset, parameters));
  });
});
