/**
 * The layout of summary.json: the same document as JSON.stringify, objects
 * indented, arrays of records one per line, arrays of scalars on one line,
 * rows written by JsonRows in place.
 */
import { describe, expect, it } from 'vitest';
import { jsonText, JsonRows, type Json } from './json-text.js';

const text = (value: Json): string => Buffer.from(jsonText(value)).toString('utf8');

describe('jsonText', () => {
  it('lays out objects, records and scalar arrays', () => {
    const document: Json = {
      schema: 'servflow/1',
      empty: {},
      none: [],
      ids: ['a', 'b'],
      rows: [
        { id: 'a', value: 1.5, graph: { pagerank: 0.2 }, members: ['x'] },
        { id: 'b"', value: null, graph: { pagerank: 0.8 }, members: [] },
      ],
      services: [{ id: 's', flow_list: new JsonRows(2, (out, k) => out.add(`{"k":${k}}`)), agreements: [{ buyer: 'a' }] }],
      nested: { deeper: { list: [[1, 2], [3]] } },
    };
    expect(text(document)).toBe(
      [
        '{',
        '  "schema": "servflow/1",',
        '  "empty": {},',
        '  "none": [],',
        '  "ids": ["a","b"],',
        '  "rows": [',
        '    {"id":"a","value":1.5,"graph":{"pagerank":0.2},"members":["x"]},',
        '    {"id":"b\\"","value":null,"graph":{"pagerank":0.8},"members":[]}',
        '  ],',
        '  "services": [',
        '    {',
        '      "id": "s",',
        '      "flow_list": [',
        '        {"k":0},',
        '        {"k":1}',
        '      ],',
        '      "agreements": [',
        '        {"buyer":"a"}',
        '      ]',
        '    }',
        '  ],',
        '  "nested": {',
        '    "deeper": {',
        '      "list": [[1,2],[3]]',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('parses back to what JSON.stringify would write, names and all', () => {
    const document = { name: 'Wąpielsk <b> & "=SUM()"', values: [0.1, -0, 1e-7, Number.NaN], rows: [{ a: 'ż', b: [true, false] }], empty: [] as Json[] };
    expect(JSON.parse(text(document as unknown as Json))).toEqual(JSON.parse(JSON.stringify(document)));
  });
});
