/**
 * Colours: tones become ANSI colours only when the App is told colours are
 * on; off (NO_COLOR, --no-color) the frame is plain text even where the
 * terminal could show colour. FORCE_COLOR is set before ink loads so its
 * colour support is on in this test file.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PARAMETERS } from '../model/parameters.js';
import { tick } from '../testing/ink.js';

beforeAll(() => {
  vi.stubEnv('FORCE_COLOR', '1');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

const ESCAPE = /\u001b\[/;

describe('colours', () => {
  it('are drawn with colour on and never with colour off', async () => {
    const [{ render }, { createElement }, { analyze }, { loadDataset }, { App }, { explorerData }] = await Promise.all([
      import('ink-testing-library'),
      import('react'),
      import('../analysis/analyze.js'),
      import('../io/load-dataset.js'),
      import('./App.js'),
      import('./view-model.js'),
    ]);
    const data = explorerData(analyze(loadDataset('fixtures/analysis/hand-imbalance').dataset, DEFAULT_PARAMETERS));
    for (const color of [true, false]) {
      const app = render(createElement(App, { data, color, size: { columns: 80, rows: 16 } }));
      await tick();
      app.stdin.write('\r');
      await tick();
      const frame = app.lastFrame() ?? '';
      if (color) {
        expect(frame).toMatch(ESCAPE);
        // a deficit in red (31), a surplus in green (32), the cursor row inverted (7)
        expect(frame).toMatch(/\u001b\[31m *−20/);
        expect(frame).toMatch(/\u001b\[32m *\+10/);
        expect(frame).toMatch(/\u001b\[7m/);
      } else expect(frame).not.toMatch(ESCAPE);
      expect(frame.replace(/\u001b\[[0-9;]*m/g, '').split('\n')[3]).toMatch(/^› • Alfa /);
      app.unmount();
    }
  });
});
