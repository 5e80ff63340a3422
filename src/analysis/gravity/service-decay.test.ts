/**
 * Where the decay of a service without observations comes from, and which
 * origins count as calibration observations (issue 13, points 3 and 4;
 * docs/methods.md §4). The sample (data/) has observed preschool and
 * primary-school flows and none for nurseries.
 */
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../io/load-dataset.js';
import { DEFAULT_PARAMETERS } from '../../model/parameters.js';
import type { Dataset, Service } from '../../model/types.js';
import { servflowRun as servflow } from '../../testing/in-process.js';
import { modelServices } from '../analyze.js';
import { analyzeAsLoaded } from '../../testing/analysis.js';
import { decayDonor, defaultDecay, type ServiceGravity } from './service-gravity.js';

const service = (decayBeta?: number): Service =>
  ({ id: 's', name: 'S', unit: 'places', catchmentKm: 10, minFacilitySize: 0, capexPerPlace: 0, opexPerPlace: 0, ...(decayBeta === undefined ? {} : { decayBeta }) }) as Service;
const calibrated = (id: string, pairs: number, beta: number): { service: Service; gravity: ServiceGravity } => ({
  service: { ...service(), id },
  gravity: { form: 'exp', alpha: 1, beta, source: 'calibrated', flowsOutside: 0, usersOutside: 0, fit: { pairs } as ServiceGravity['fit'] },
});

describe('the decay of a service without observed flows', () => {
  const donor = { service: 'school', beta: 0.54 };
  it('decay_beta of services.csv first, then the default_decay_beta parameter, then a calibrated service, then the built-in default of the form', () => {
    expect(defaultDecay(service(0.2), { ...DEFAULT_PARAMETERS, defaultDecayBeta: 0.4 }, donor)).toMatchObject({ beta: 0.2, source: 'decay_beta' });
    expect(defaultDecay(service(), { ...DEFAULT_PARAMETERS, defaultDecayBeta: 0.4 }, donor)).toMatchObject({ beta: 0.4, source: 'parameter' });
    expect(defaultDecay(service(), DEFAULT_PARAMETERS, donor)).toMatchObject({ beta: 0.54, source: 'borrowed', borrowedFrom: 'school', alpha: 1 });
    expect(defaultDecay(service(), DEFAULT_PARAMETERS)).toMatchObject({ beta: 0.3, source: 'default', form: 'exp' });
    expect(defaultDecay(service(), { ...DEFAULT_PARAMETERS, decay: 'pow' })).toMatchObject({ beta: 2, source: 'default', form: 'pow' });
  });

  it('borrows from the service calibrated on the most pairs (ties: the first)', () => {
    expect(decayDonor([calibrated('a', 40, 0.3), calibrated('b', 90, 0.5), calibrated('c', 90, 0.7)])).toEqual({ service: 'b', beta: 0.5 });
    expect(decayDonor([])).toBeUndefined();
  });

  it('the sample: nursery borrows the β calibrated on preschool flows; a borrowed β gets no sensitivity line', () => {
    const analysis = analyzeAsLoaded(loadDataset('data').dataset);
    const nursery = analysis.services.find((s) => s.service.id === 'nursery');
    const preschool = analysis.services.find((s) => s.service.id === 'preschool');
    expect(nursery?.gravity).toMatchObject({ source: 'borrowed', borrowedFrom: 'preschool', beta: preschool?.gravity.beta });
    expect(nursery?.sensitivity).toBeUndefined();
  });

  it('the sample without observed flows: nursery takes the built-in default β and gets the sensitivity line at β/2 and 2β', () => {
    const dataset = loadDataset('data').dataset;
    const none = { length: 0, origin: new Int32Array(0), destination: new Int32Array(0), service: new Int32Array(0), users: new Float64Array(0) };
    const nursery = analyzeAsLoaded({ ...dataset, flows: none }).services.find((s) => s.service.id === 'nursery');
    expect(nursery?.gravity).toMatchObject({ source: 'default', beta: 0.3 });
    const points = nursery?.sensitivity?.points ?? [];
    expect(points.map((p) => p.beta)).toEqual([0.15, 0.3, 0.6]);
    expect(points[1]?.unmet).toBeCloseTo(nursery?.partners.unmet ?? NaN, 9);
  });

  it('a β set in services.csv gets no sensitivity line', () => {
    const dataset = loadDataset('data').dataset;
    const services = dataset.services.map((s) => (s.id === 'nursery' ? { ...s, decayBeta: 0.2 } : s));
    const nursery = analyzeAsLoaded({ ...dataset, services }).services.find((s) => s.service.id === 'nursery');
    expect(nursery?.gravity).toMatchObject({ source: 'decay_beta', beta: 0.2 });
    expect(nursery?.sensitivity).toBeUndefined();
  });
});

/** The dataset without the flow rows of origin `id` in service `serviceId`. */
function withoutRowsOf(dataset: Dataset, serviceId: string, id: string): Dataset {
  const s = dataset.services.findIndex((candidate) => candidate.id === serviceId);
  const i = dataset.municipalities.findIndex((m) => m.id === id);
  const keep = Array.from({ length: dataset.flows.length }, (_, k) => k).filter((k) => !(dataset.flows.service[k] === s && dataset.flows.origin[k] === i));
  const pick = <T extends Int32Array | Float64Array>(values: T): T =>
    values.constructor === Int32Array ? (Int32Array.from(keep, (k) => values[k]) as T) : (Float64Array.from(keep, (k) => values[k]) as T);
  return {
    ...dataset,
    flows: { length: keep.length, origin: pick(dataset.flows.origin), destination: pick(dataset.flows.destination), service: pick(dataset.flows.service), users: pick(dataset.flows.users) },
  };
}

describe('calibration observations', () => {
  it('are the pairs of origins with at least one observed flow row: an origin without rows is left out, not counted by its inferred local use', () => {
    const dataset = loadDataset('data').dataset;
    const all = modelServices(dataset, DEFAULT_PARAMETERS, { services: ['preschool'] })[0].gravity.fit;
    const fewer = modelServices(withoutRowsOf(dataset, 'preschool', '0402042'), DEFAULT_PARAMETERS, { services: ['preschool'] })[0].gravity.fit;
    expect(all?.origins).toBe(7);
    expect(fewer?.origins).toBe(6);
    expect(fewer?.pairs).toBe((all?.pairs ?? 0) - 7);
  });
});

describe('servflow model --constraint and the decay on the command line', () => {
  it('model --constraint doubly --json reports the model, β and no α', async () => {
    const run = await servflow('model', '--service', 'preschool', '--constraint', 'doubly', '--json');
    expect(run.status).toBe(0);
    const [result] = JSON.parse(run.stdout) as { constraint: string; alpha: number | null; beta: number }[];
    expect(result).toMatchObject({ constraint: 'doubly', alpha: null });
    expect(result.beta).toBeGreaterThan(0);
  });

  it('an unknown model, or a β out of range on the command line, is a usage error (exit 2)', async () => {
    const unknown = await servflow('model', '--constraint', 'gravity');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('servflow: --constraint must be production, attraction or doubly, got "gravity"\n');
    const beta = await servflow('analyze', '--decay-beta', '50', '--out', '/nonexistent/never-written');
    expect(beta.status).toBe(2);
    expect(beta.stderr).toContain('--decay-beta must be between 0 and 10, got "50"');
  });
});
