#!/usr/bin/env node
/**
 * Renders a report.html in headless Chromium (Debian: `apt-get install -y
 * chromium`) at 1280×2000 and 390×2000 (a phone), saves screenshots to a
 * temporary folder, and fails (exit 1) on:
 *   - any console message or uncaught error (the page has no scripts),
 *   - any request other than the page itself (the page must need no network),
 *   - a page wider than the screen,
 *   - a table wider than its container (the reader would have to scroll it sideways),
 *   - chart or map text rendered smaller than 10 CSS pixels,
 *   - a chart or map without a text alternative.
 * It drives Chromium over the DevTools protocol on a pipe
 * (--remote-debugging-pipe), so it needs no package beyond Node.
 *
 *   node scripts/check-html.mjs [report.html] [--out DIR] [--no-screenshots]
 *
 * --no-screenshots runs the checks only (the tests use it: the full-page
 * screenshots take most of the time).
 *
 * Exit codes: 0 all good, 1 a check failed, 2 no page or no Chromium.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 2000, mobile: false, scale: 1 },
  { name: 'phone', width: 390, height: 2000, mobile: true, scale: 2 },
];
/** Smallest acceptable rendered size of chart text, in CSS pixels. */
const MIN_SVG_TEXT_PX = 10;

const args = process.argv.slice(2);
const screenshots = !args.includes('--no-screenshots');
if (!screenshots) args.splice(args.indexOf('--no-screenshots'), 1);
const outIndex = args.indexOf('--out');
const outArgument = outIndex >= 0 ? path.resolve(args.splice(outIndex, 2)[1]) : undefined;
const outDir = screenshots ? (outArgument ?? mkdtempSync(path.join(os.tmpdir(), 'servflow-html-'))) : undefined;
const page = path.resolve(args[0] ?? 'reports/report.html');
if (!existsSync(page)) {
  process.stderr.write(`check-html: no page at ${page}\n`);
  process.exit(2);
}
const browser = findChromium();
if (!browser) {
  process.stderr.write('check-html: no Chromium found (apt-get install -y chromium, or set CHROMIUM_PATH)\n');
  process.exit(2);
}
if (outDir) mkdirSync(outDir, { recursive: true });

const profile = mkdtempSync(path.join(os.tmpdir(), 'servflow-chromium-'));
const chromium = spawn(
  browser,
  [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--disable-extensions',
    '--no-first-run',
    '--no-default-browser-check',
    '--hide-scrollbars',
    '--mute-audio',
    `--user-data-dir=${profile}`,
    '--remote-debugging-pipe',
    'about:blank',
  ],
  { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
);
let chromiumLog = '';
chromium.stderr.on('data', (chunk) => (chromiumLog += chunk));

const cdp = connect(chromium.stdio[3], chromium.stdio[4]);
const problems = [];
const url = pathToFileURL(page).href;
try {
  for (const viewport of VIEWPORTS) await check(viewport);
} catch (error) {
  problems.push(`check failed to run: ${error instanceof Error ? error.message : error}`);
  if (chromiumLog) process.stderr.write(chromiumLog.slice(-2000));
} finally {
  cdp.send('Browser.close').catch(() => {});
  await new Promise((resolve) => {
    const timer = setTimeout(() => {
      chromium.kill('SIGKILL');
      resolve();
    }, 5000);
    chromium.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  rmSync(profile, { recursive: true, force: true });
}

if (screenshots) process.stdout.write(`screenshots in ${outDir}\n`);
if (problems.length > 0) {
  for (const problem of problems) process.stderr.write(`check-html: ${problem}\n`);
  process.exitCode = 1;
} else process.stdout.write(`check-html: ${path.relative(process.cwd(), page) || page} renders cleanly at ${VIEWPORTS.map((v) => `${v.width}×${v.height}`).join(' and ')}\n`);

async function check(viewport) {
  const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
  const send = (method, params) => cdp.send(method, params, sessionId);
  const where = `${viewport.name} ${viewport.width}px`;
  const seen = [];
  const off = cdp.listen(sessionId, (method, params) => {
    if (method === 'Runtime.consoleAPICalled') seen.push(`console.${params.type}: ${params.args.map((a) => a.value ?? a.description ?? '').join(' ')}`);
    else if (method === 'Runtime.exceptionThrown') seen.push(`uncaught: ${params.exceptionDetails.exception?.description ?? params.exceptionDetails.text}`);
    else if (method === 'Log.entryAdded') seen.push(`${params.entry.source} ${params.entry.level}: ${params.entry.text}${params.entry.url ? ` (${params.entry.url})` : ''}`);
    else if (method === 'Network.requestWillBeSent' && params.request.url !== url && !params.request.url.startsWith('data:')) seen.push(`request: ${params.request.url}`);
  });
  await send('Runtime.enable');
  await send('Log.enable');
  await send('Network.enable');
  await send('Page.enable');
  await send('Emulation.setDeviceMetricsOverride', { width: viewport.width, height: viewport.height, deviceScaleFactor: viewport.scale, mobile: viewport.mobile });
  const loaded = cdp.once(sessionId, 'Page.loadEventFired');
  const navigation = await send('Page.navigate', { url });
  if (navigation.errorText) throw new Error(`${where}: cannot open ${url}: ${navigation.errorText}`);
  await loaded;
  await new Promise((resolve) => setTimeout(resolve, 300)); // late console or network events
  const facts = await evaluate(send, measure());
  for (const shot of screenshots
    ? [
        { file: `${viewport.name}-${viewport.width}x${viewport.height}.png`, full: false },
        { file: `${viewport.name}-${viewport.width}-full.png`, full: true },
      ]
    : []) {
    const params = { format: 'png', ...(shot.full ? { captureBeyondViewport: true, clip: { x: 0, y: 0, width: viewport.width, height: Math.min(facts.height, 16000), scale: 1 } } : {}) };
    const { data } = await send('Page.captureScreenshot', params);
    writeFileSync(path.join(outDir, shot.file), Buffer.from(data, 'base64'));
  }
  off();
  await cdp.send('Target.closeTarget', { targetId });

  for (const message of seen) problems.push(`${where}: ${message}`);
  if (facts.scrollWidth > viewport.width + 1) problems.push(`${where}: the page is ${facts.scrollWidth}px wide (${facts.widest}), wider than the screen`);
  if (facts.svgs === 0) problems.push(`${where}: no chart or map`);
  for (const table of facts.wideTables) problems.push(`${where}: a table wider than its container: ${table}`);
  for (const missing of facts.unlabelled) problems.push(`${where}: an SVG without a text alternative: ${missing}`);
  if (facts.smallestText < MIN_SVG_TEXT_PX) problems.push(`${where}: chart text as small as ${facts.smallestText.toFixed(1)}px (${facts.smallestWhere})`);
  process.stdout.write(
    `${where}: ${facts.svgs} charts/maps, ${facts.tables} tables (${facts.wideTables.length} wider than their container), page ${facts.scrollWidth}×${facts.height}px, smallest chart text ${facts.smallestText.toFixed(1)}px, ${seen.length} console/network events\n`,
  );
}

async function evaluate(send, expression) {
  const result = await send('Runtime.evaluate', { expression, returnByValue: true });
  if (result.exceptionDetails) throw new Error(`evaluate: ${result.exceptionDetails.text}`);
  return result.result.value;
}

/** Runs in the page: layout facts for the checks. */
function measure() {
  return `(() => {
  for (const details of document.querySelectorAll('details')) details.open = true;
  const root = document.documentElement;
  let widest = '';
  for (const element of document.body.querySelectorAll('*')) {
    if (element.closest('.table-scroll')) continue;
    const box = element.getBoundingClientRect();
    if (box.right > root.clientWidth + 1) { widest = element.tagName.toLowerCase() + (element.className && typeof element.className === 'string' ? '.' + element.className : ''); break; }
  }
  const charts = [...document.querySelectorAll('figure > svg')];
  const unlabelled = charts.filter((svg) => svg.getAttribute('role') !== 'img' || !svg.getAttribute('aria-label') || !svg.querySelector(':scope > title') || !svg.querySelector(':scope > desc')).map((svg) => svg.closest('figure')?.id ?? '?');
  let smallestText = Infinity, smallestWhere = '';
  for (const svg of charts) {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    for (const text of svg.querySelectorAll('text')) {
      const size = parseFloat(getComputedStyle(text).fontSize) * scale;
      if (size < smallestText) { smallestText = size; smallestWhere = (svg.closest('figure')?.id ?? '?') + ' "' + text.textContent + '"'; }
    }
  }
  const wideTables = [...document.querySelectorAll('.table-scroll')]
    .filter((box) => box.getClientRects().length > 0 && box.scrollWidth > box.clientWidth + 1)
    .map((box) => (box.getAttribute('aria-label') ?? '?') + ' (' + box.scrollWidth + ' > ' + box.clientWidth + ' px)');
  return { wideTables, scrollWidth: root.scrollWidth, height: root.scrollHeight, widest, svgs: charts.length, tables: document.querySelectorAll('table').length, unlabelled, smallestText: charts.length ? smallestText : 99, smallestWhere };
})()`;
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, 'chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'].filter(Boolean);
  for (const candidate of candidates) {
    if (candidate.includes('/')) {
      if (existsSync(candidate)) return candidate;
      continue;
    }
    const found = spawnSync('sh', ['-c', `command -v ${candidate}`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return undefined;
}

/** A minimal DevTools-protocol client over Chromium's pipe: NUL-terminated JSON messages. */
function connect(input, output) {
  let nextId = 1;
  let buffer = '';
  const pending = new Map();
  const listeners = new Set();
  output.on('data', (chunk) => {
    buffer += chunk.toString('utf8');
    let end;
    while ((end = buffer.indexOf('\0')) >= 0) {
      const message = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      if (message.id !== undefined) {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (!waiter) continue;
        if (message.error) waiter.reject(new Error(`${waiter.method}: ${message.error.message}`));
        else waiter.resolve(message.result);
      } else for (const listener of listeners) listener(message);
    }
  });
  const send = (method, params = {}, sessionId) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject, method });
      input.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
      setTimeout(() => {
        if (pending.delete(id)) reject(new Error(`${method}: no answer in 30 s`));
      }, 30000).unref();
    });
  const listen = (sessionId, callback) => {
    const listener = (message) => message.sessionId === sessionId && callback(message.method, message.params);
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  const once = (sessionId, method) =>
    new Promise((resolve) => {
      const off = listen(sessionId, (name, params) => {
        if (name !== method) return;
        off();
        resolve(params);
      });
    });
  return { send, listen, once };
}
