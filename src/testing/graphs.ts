/** Test support for the flow-graph tests: plain municipalities and edge lists from (origin, destination, users) rows. */
import type { EdgeList } from '../model/flow-graph.js';
import type { Municipality } from '../model/types.js';

export const municipality = (id: string): Municipality => ({ id, name: id, population: 1000, partner: true, candidate: false });

export function edgeList(rows: readonly (readonly [number, number, number])[]): EdgeList {
  return {
    length: rows.length,
    origin: Int32Array.from(rows, (row) => row[0]),
    destination: Int32Array.from(rows, (row) => row[1]),
    users: Float64Array.from(rows, (row) => row[2]),
  };
}
