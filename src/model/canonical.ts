/**
 * Canonical order of a dataset: municipalities and services by id, flows by
 * (service, origin, destination), distances by (origin, destination). Every
 * analysis then sees the same arrays whatever the order of the input rows
 * (METHODS.md: "Results must not depend on the order of input rows"), down
 * to the order floating-point sums are taken in.
 */
import type { DistanceTable, FlowTable, Municipality, Service } from './types.js';

export interface Unordered {
  readonly municipalities: readonly Municipality[];
  readonly services: readonly Service[];
  readonly supply: readonly Float64Array[];
  readonly demand: readonly Float64Array[];
  readonly flows: FlowTable;
  readonly distances: DistanceTable;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `order[k]` = old index of the item that comes k-th. */
function orderBy<T>(items: readonly T[], key: (item: T) => string): number[] {
  return items.map((_, index) => index).sort((a, b) => byText(key(items[a]), key(items[b])));
}

function inverse(order: readonly number[]): Int32Array {
  const position = new Int32Array(order.length);
  order.forEach((old, index) => (position[old] = index));
  return position;
}

/**
 * Indexes 0…length−1 ordered by `key` (distinct keys below `keyLimit`): a
 * typed-array sort of packed (key, index) numbers when they fit in a double's
 * integer range, which sorts a million flows several times faster than a
 * comparator.
 */
export function sortedOrder(length: number, key: (k: number) => number, keyLimit: number): Int32Array {
  const scale = 2 ** Math.ceil(Math.log2(length + 1));
  if (keyLimit * scale > Number.MAX_SAFE_INTEGER) {
    return Int32Array.from(Array.from({ length }, (_, k) => k).sort((a, b) => key(a) - key(b)));
  }
  const packed = new Float64Array(length);
  for (let k = 0; k < length; k++) packed[k] = key(k) * scale + k;
  packed.sort();
  const order = new Int32Array(length);
  for (let r = 0; r < length; r++) order[r] = packed[r] % scale;
  return order;
}

export function canonicalOrder(data: Unordered): Unordered {
  const mOrder = orderBy(data.municipalities, (m) => m.id);
  const sOrder = orderBy(data.services, (s) => s.id);
  const mNew = inverse(mOrder);
  const sNew = inverse(sOrder);
  const permute = (values: Float64Array): Float64Array => Float64Array.from(mOrder, (old) => values[old]);
  const n = data.municipalities.length;

  const flows = data.flows;
  const flowKey = (k: number): number => (sNew[flows.service[k]] * n + mNew[flows.origin[k]]) * n + mNew[flows.destination[k]];
  const flowOrder = sortedOrder(flows.length, flowKey, data.services.length * n * n);
  const distances = data.distances;
  const distanceKey = (k: number): number => mNew[distances.origin[k]] * n + mNew[distances.destination[k]];
  const distanceOrder = sortedOrder(distances.length, distanceKey, n * n);

  return {
    municipalities: mOrder.map((old) => data.municipalities[old]),
    services: sOrder.map((old) => data.services[old]),
    supply: sOrder.map((old) => permute(data.supply[old])),
    demand: sOrder.map((old) => permute(data.demand[old])),
    flows: {
      length: flows.length,
      origin: gather(new Int32Array(flows.length), flowOrder, flows.origin, mNew),
      destination: gather(new Int32Array(flows.length), flowOrder, flows.destination, mNew),
      service: gather(new Int32Array(flows.length), flowOrder, flows.service, sNew),
      users: gather(new Float64Array(flows.length), flowOrder, flows.users),
    },
    distances: {
      length: distances.length,
      origin: gather(new Int32Array(distances.length), distanceOrder, distances.origin, mNew),
      destination: gather(new Int32Array(distances.length), distanceOrder, distances.destination, mNew),
      km: gather(new Float64Array(distances.length), distanceOrder, distances.km),
      minutes: gather(new Float64Array(distances.length), distanceOrder, distances.minutes),
    },
  };
}

/** `target[k] = source[order[k]]`, renumbered through `renumber` when given. */
function gather<T extends Int32Array | Float64Array>(target: T, order: Int32Array, source: Int32Array | Float64Array, renumber?: Int32Array): T {
  for (let k = 0; k < order.length; k++) target[k] = renumber ? renumber[source[order[k]]] : source[order[k]];
  return target;
}
