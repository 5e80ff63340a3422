import { render } from 'ink-testing-library';
import { it } from 'vitest';
import { analyze } from '../analysis/analyze.js';
import { loadDataset } from '../io/load-dataset.js';
import { App } from './App.js';
import { explorerData } from './view-model.js';
it('probe', async () => {
  const data = explorerData(analyze(loadDataset('fixtures/analysis/hand-imbalance').dataset));
  const app = render(<App data={data} color={false} size={{ columns: 80, rows: 16 }} />);
  const delay = () => new Promise((r) => setTimeout(r, 30));
  await delay();
  for (const k of ['\r', 'S']) { app.stdin.write(k); await delay(); }
  console.log(app.lastFrame());
  console.log('listeners', app.stdin.listenerCount('readable'), app.stdin.listenerCount('data'));
  app.stdin.write('q'); await delay();
  console.log('listeners', app.stdin.listenerCount('readable'), app.stdin.listenerCount('data'), app.frames.length);
  app.stdin.write('j'); await delay();
  console.log(app.frames.length);
});
