// Drives gonsim's JupyterLab (lab/, served by LabServerApp) in Debian's
// headless Chromium the way a user does. For each course notebook: open it,
// Run > Run All Cells, wait until every code cell is numbered and the kernel
// is idle, then assert the screen (as many figures as nbconvert produced, each
// drawn with a non-zero size, the declared texts, no error). Then, in a
// scratch notebook: Tab after `Stat` offers StateMonitor, Shift+Tab on
// NeuronGroup shows its doc (tooltip) and so does the contextual help panel,
// the toolbar's stop button interrupts a long Run and the kernel still
// answers, and the toolbar's restart starts the count again at [1].
//
// usage: node lab.mjs CONFIG.json
// CONFIG: {base, token, kernel, notebooks: [name...], summary: {name: {images, contains}},
//          scratch: name of an empty notebook, shots: dir}
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';

const cfg = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const TIMEOUT = { open: 90_000, run: 600_000, ui: 20_000 };
let failures = 0;
const fail = (msg) => { failures++; console.log(`FAIL ${msg}`); };
const ok = (msg) => console.log(`ok   ${msg}`);

fs.mkdirSync(cfg.shots, { recursive: true });
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'gonsim-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

// (The run itself is at the end of the file: the top-level await must come
// after every const it uses.)

function first(e) {
  return e.message.split('\n')[0];
}

// openLab loads PATH (tree/NAME or '') in a workspace of its own and waits
// until the app has started (index.js marks the body) and restored its
// layout. In the default workspace JupyterLab would restore every notebook
// an earlier page left open, each with its own kernel, toolbar and
// completer (hidden behind the current tab, but in the DOM and busy).
let workspaces = 0;
async function openLab(where) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Named after this run too: the config dir may keep an earlier run's.
  const url = `/lab/workspaces/gonsim-test-${process.pid}-${++workspaces}/${where}`;
  await page.goto(`${cfg.base}${url}?token=${cfg.token}`, { timeout: TIMEOUT.open });
  await page.waitForFunction(() => document.body.dataset.gonsimLab === 'ready', null, { timeout: TIMEOUT.open });
  return { page, errors };
}

// launcher checks that the launcher shows gonsim's kernel with its SVG logo.
async function launcher() {
  const { page, errors } = await openLab('');
  try {
    await page.evaluate(() => window.jupyterapp.commands.execute('launcher:create'));
    const card = page.locator('.jp-LauncherCard[title="Go (gonsim)"]').first();
    await card.waitFor({ timeout: TIMEOUT.ui });
    const logo = await card.locator('img.jp-Launcher-kernelIcon').evaluate((i) => ({
      src: i.getAttribute('src'), w: i.naturalWidth, h: i.naturalHeight, complete: i.complete,
    }));
    await page.screenshot({ path: path.join(cfg.shots, 'launcher.png') });
    if (!/logo-svg\.svg$/.test(logo.src) || !(logo.w > 0)) {
      fail(`launcher: the gonsim card's logo is ${JSON.stringify(logo)}, want the kernelspec's logo-svg.svg drawn`);
    } else ok(`launcher shows "Go (gonsim)" with ${logo.src} (${logo.w}x${logo.h})`);
    for (const e of errors) fail(`launcher: page error: ${e}`);
  } finally {
    await page.close();
  }
}

// openNotebook opens notebook NAME and waits for its kernel to be idle; it
// checks the kernel is the one the test is about.
async function openNotebook(name) {
  const { page, errors } = await openLab(`tree/${encodeURIComponent(name)}`);
  await page.waitForFunction((name) => {
    const w = window.jupyterapp.shell.currentWidget;
    const k = w && w.context && w.context.path === name && w.sessionContext.session?.kernel;
    return k && k.status === 'idle' && k.connectionStatus === 'connected';
  }, name, { timeout: TIMEOUT.open, polling: 200 });
  const kernel = await page.evaluate(() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.name);
  if (kernel !== cfg.kernel) throw new Error(`runs kernel ${kernel}, want ${cfg.kernel}`);
  return { page, errors };
}

// closeNotebook shuts the kernel down (as File > Close and Shut Down
// Notebook does) so kernels do not pile up, then closes the tab.
async function closeNotebook(page) {
  await page.evaluate(() => window.jupyterapp.shell.currentWidget?.sessionContext.shutdown()).catch(() => {});
  await page.close();
}

// menu clicks a main-menu entry as a user does: the menu bar title, then the item.
async function menu(page, title, item) {
  await page.locator('.lm-MenuBar-itemLabel', { hasText: new RegExp(`^${title}$`) }).click();
  await page.locator('.lm-Menu-content .lm-Menu-itemLabel', { hasText: new RegExp(`^${item}$`) }).click();
}

// CELLS describes the code cells on screen: source, prompt, the text of
// their output areas, the errors among their outputs (the model's output
// types: JupyterLab draws an error like stderr) and the PNG figures drawn.
const CELLS = () => window.jupyterapp.shell.currentWidget.content.widgets
  .filter((w) => w.model.type === 'code')
  .map((w) => ({
    source: w.model.value.text,
    prompt: w.node.querySelector('.jp-InputPrompt')?.textContent.trim() ?? '',
    text: [...w.node.querySelectorAll('.jp-OutputArea-output')].map((o) => o.textContent).join('\n'),
    errors: w.model.outputs.toJSON().filter((o) => o.output_type === 'error')
      .map((o) => `${o.ename}: ${o.evalue}`.slice(0, 500)),
    // A widget's text/plain (nbconvert's text for it) stands for the widget
    // view JupyterLab's widget manager draws in its place.
    widgets: w.node.querySelector('.jupyter-widgets') ? w.model.outputs.toJSON()
      .filter((o) => o.data?.['application/vnd.jupyter.widget-view+json'])
      .map((o) => [].concat(o.data['text/plain'] ?? []).join('')) : [],
    images: [...w.node.querySelectorAll('.jp-RenderedImage img')]
      .filter((i) => i.src.startsWith('data:image/png;base64,'))
      .map((i) => ({ w: i.naturalWidth, h: i.naturalHeight, complete: i.complete })),
  }));

// waitDone waits until every non-empty code cell shows a number (JupyterLab
// sets it when the request's reply and its iopub idle have both arrived, so
// its outputs are all in) and the kernel is idle, or, when an error shows
// (Run All stops there), until the kernel is idle.
async function waitDone(page) {
  await page.waitForFunction(() => {
    const k = window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel;
    if (!k || k.status !== 'idle') return false;
    const code = window.jupyterapp.shell.currentWidget.content.widgets.filter((w) => w.model.type === 'code');
    if (code.some((w) => w.model.outputs.toJSON().some((o) => o.output_type === 'error'))) return true;
    return code.filter((w) => w.model.value.text.trim() !== '')
      .every((w) => /^\[\d+\]:$/.test(w.node.querySelector('.jp-InputPrompt').textContent.trim()));
  }, null, { timeout: TIMEOUT.run, polling: 200 });
}

// shoot saves a screenshot showing the whole notebook: JupyterLab scrolls
// inside the notebook panel, so the viewport is made as tall as its content.
async function shoot(page, file) {
  const height = await page.evaluate(() => {
    const nb = window.jupyterapp.shell.currentWidget?.content?.node;
    if (!nb) return 900;
    nb.scrollTop = 0;
    const top = nb.getBoundingClientRect().top;
    return Math.ceil(top + nb.scrollHeight + 40);
  });
  await page.setViewportSize({ width: 1280, height: Math.min(Math.max(height, 700), 16000) });
  await page.waitForTimeout(500);
  await page.screenshot({ path: file });
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function runNotebook(name) {
  const start = Date.now();
  const want = cfg.summary[name];
  if (!want) throw new Error('no nbconvert result for it (see the notebook stage); the test compares against it');
  const { page, errors } = await openNotebook(name);
  try {
    // The left sidebar would take a third of the screenshots' width.
    await page.evaluate(() => window.jupyterapp.shell.collapseLeft());
    await menu(page, 'Edit', 'Clear All Outputs');
    await menu(page, 'Run', 'Run All Cells');
    await waitDone(page);
    await page.waitForFunction(() => [...document.querySelectorAll('.jp-RenderedImage img')].every((i) => i.complete),
      null, { timeout: 30_000 });
    const cells = await page.evaluate(CELLS);
    const shot = path.join(cfg.shots, name.replace(/\.ipynb$/, '.png'));
    await shoot(page, shot);
    const problems = [];
    const code = cells.filter((c) => c.source.trim() !== '');
    const notRun = code.filter((c) => !/^\[\d+\]:$/.test(c.prompt)).length;
    if (notRun) problems.push(`${notRun} of ${code.length} code cell(s) show no execution count`);
    for (const c of cells) for (const e of c.errors) problems.push(`error output on screen: ${e}`);
    const images = cells.flatMap((c) => c.images);
    if (images.length !== want.images) problems.push(`${images.length} PNG figures on screen, nbconvert produced ${want.images}`);
    images.forEach((im, k) => {
      if (!(im.w > 0 && im.h > 0)) problems.push(`figure ${k + 1} has natural size ${im.w}x${im.h}`);
    });
    const text = cells.map((c) => c.text).join('\n');
    const widgets = cells.flatMap((c) => c.widgets);
    let asWidgets = 0;
    for (const t of want.contains) {
      if (text.includes(t)) continue;
      if (widgets.some((w) => w.includes(t))) asWidgets++;
      else problems.push(`text ${JSON.stringify(t)} is not on screen`);
    }
    if (text.includes('Error displaying widget')) problems.push('a widget shows "Error displaying widget"');
    for (const e of errors) problems.push(`page error: ${e}`);
    if (problems.length) {
      fail(`${name}: ${problems.length} problem(s), screenshot ${shot}`);
      for (const p of problems) console.log(`  ${p}`);
    } else {
      ok(`${name}: ${code.length} cells ran, ${images.length} figures shown, ${want.contains.length - asWidgets} texts seen` +
        `${asWidgets ? ` and ${asWidgets} widget(s) drawn for their text` : ''}, ` +
        `no errors (${((Date.now() - start) / 1000).toFixed(1)} s, ${shot})`);
    }
    if (AFTER_RUN[name]) await AFTER_RUN[name](page).catch((e) => fail(`${name}: widgets: ${first(e)}`));
  } finally {
    await closeNotebook(page);
  }
}

// The notebook panel on screen (the current tab), its toolbar and cells.
const PANEL = '.jp-NotebookPanel:not(.lm-mod-hidden)';

// The last code cell's editor, focused, with its content replaced by code.
async function typeInLastCell(page, code) {
  const cell = page.locator(`${PANEL} .jp-Notebook .jp-CodeCell`).last();
  await cell.locator('.CodeMirror').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(code);
  return cell;
}

// runLast runs the last cell with Shift+Enter (which adds a new cell below
// it) and returns what that cell shows once it is numbered.
async function runLast(page, code, timeout = TIMEOUT.open) {
  const index = await page.evaluate(LAST_CELL);
  await typeInLastCell(page, code);
  await page.keyboard.press('Shift+Enter');
  return waitCell(page, index, timeout);
}

const LAST_CELL = () => window.jupyterapp.shell.currentWidget.content.widgets.filter((w) => w.model.type === 'code').length - 1;

async function waitCell(page, index, timeout) {
  await page.waitForFunction((k) => {
    const c = window.jupyterapp.shell.currentWidget.content.widgets.filter((w) => w.model.type === 'code')[k]?.node;
    const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel;
    return c && /^\[\d+\]:$/.test(c.querySelector('.jp-InputPrompt').textContent.trim()) && kernel?.status === 'idle';
  }, index, { timeout, polling: 100 });
  return (await page.evaluate(CELLS))[index];
}

// interactive checks completion, contextual help, interrupt and restart in
// an empty notebook, typing as a user does.
async function interactive(name) {
  const { page, errors } = await openNotebook(name);
  try {
    await page.evaluate(() => window.jupyterapp.shell.collapseLeft());
    await completer(page).catch((e) => fail(`completer: ${first(e)}`));
    await tooltip(page).catch((e) => fail(`tooltip: ${first(e)}`));
    await inspector(page).catch((e) => fail(`contextual help: ${first(e)}`));
    await interrupt(page).catch((e) => fail(`interrupt: ${first(e)}`));
    await restart(page).catch((e) => fail(`restart: ${first(e)}`));
    await badCallbacks(page).catch((e) => fail(`widget callbacks: ${first(e)}`));
    for (const e of errors) fail(`${name}: page error: ${e}`);
  } finally {
    await closeNotebook(page);
  }
}

// completer: Tab after `St` opens the completer popup, whose items include
// StateMonitor; Tab after `Stat`, whose only match is StateMonitor,
// inserts it (no popup), as JupyterLab does with a single match.
async function completer(page) {
  await complete(page, 'St', true);
  await complete(page, 'Stat', false);
}

async function complete(page, prefix, wantPopup) {
  const cell = await typeInLastCell(page, prefix);
  await page.keyboard.press('Tab');
  // One completer per open notebook lives in the body; the visible one is ours.
  const popup = page.locator('.jp-Completer:not(.lm-mod-hidden)');
  await page.waitForFunction(([panel, prefix]) => {
    const c = document.querySelector('.jp-Completer:not(.lm-mod-hidden)');
    const cm = [...document.querySelectorAll(`${panel} .jp-CodeCell .CodeMirror`)].pop().CodeMirror;
    return (c && c.querySelectorAll('.jp-Completer-item').length > 0) || cm.getValue() !== prefix;
  }, [PANEL, prefix], { timeout: TIMEOUT.ui, polling: 100 });
  const items = await popup.locator('.jp-Completer-item .jp-Completer-match').allTextContents().catch(() => []);
  const value = await cell.evaluate((c) => c.querySelector('.CodeMirror').CodeMirror.getValue());
  await page.screenshot({ path: path.join(cfg.shots, `completer-${prefix}.png`) });
  if (wantPopup) {
    if (!items.length) throw new Error(`no completer popup after Tab on "${prefix}", the cell shows ${JSON.stringify(value)}`);
    if (!items.includes('StateMonitor')) throw new Error(`the completer popup offers ${JSON.stringify(items)}, no StateMonitor`);
    ok(`the completer popup after "${prefix}" offers ${JSON.stringify(items)}`);
    await page.keyboard.press('Escape');
  } else if (value !== 'StateMonitor') {
    throw new Error(`Tab on "${prefix}" left ${JSON.stringify(value)} (popup ${JSON.stringify(items)}), want StateMonitor inserted`);
  } else ok(`Tab after "${prefix}" inserted its only match, StateMonitor`);
}

// tooltip: Shift+Tab after `NeuronGroup(` shows the tooltip with its doc.
async function tooltip(page) {
  await typeInLastCell(page, 'G := NeuronGroup(');
  await page.keyboard.press('Shift+Tab');
  const tip = page.locator('.jp-Tooltip');
  await tip.waitFor({ timeout: TIMEOUT.ui });
  await page.waitForFunction(() => /NeuronGroup/.test(document.querySelector('.jp-Tooltip')?.textContent ?? ''),
    null, { timeout: TIMEOUT.ui });
  const text = (await tip.textContent()).trim();
  await page.screenshot({ path: path.join(cfg.shots, 'tooltip.png') });
  if (!/func NeuronGroup\(/.test(text) && !/NeuronGroup\(n int/.test(text)) {
    throw new Error(`the tooltip shows ${JSON.stringify(text.slice(0, 300))}, want NeuronGroup's signature and doc`);
  }
  ok(`Shift+Tab shows NeuronGroup's doc: ${JSON.stringify(text.split('\n').slice(0, 2).join(' ').slice(0, 160))}`);
  await page.keyboard.press('Escape');
}

// inspector: Help > Show Contextual Help opens the inspector, which follows
// the cursor: on NeuronGroup it shows the same doc.
async function inspector(page) {
  await typeInLastCell(page, 'NeuronGroup');
  await menu(page, 'Help', 'Show Contextual Help');
  const panel = page.locator('.jp-Inspector');
  await panel.waitFor({ timeout: TIMEOUT.ui });
  // The inspector asks the kernel when the text under the cursor changes.
  await page.locator(`${PANEL} .jp-CodeCell`).last().locator('.CodeMirror').click();
  await page.keyboard.press('End');
  await page.keyboard.type('(');
  await page.waitForFunction(() => /NeuronGroup/.test(document.querySelector('.jp-Inspector-content')?.textContent ?? ''),
    null, { timeout: TIMEOUT.ui, polling: 200 });
  const text = (await page.locator('.jp-Inspector-content').textContent()).trim();
  await page.screenshot({ path: path.join(cfg.shots, 'contextual-help.png') });
  if (!/func NeuronGroup\(/.test(text) && !/NeuronGroup\(n int/.test(text)) {
    throw new Error(`the contextual help shows ${JSON.stringify(text.slice(0, 300))}, want NeuronGroup's doc`);
  }
  ok(`the contextual help shows NeuronGroup's doc (${text.length} characters)`);
  // Close it again: its panel would take half of the later screenshots.
  await page.evaluate(() => {
    const it = window.jupyterapp.shell.widgets('main'); // a Lumino iterator
    const found = [];
    for (let w = it.next(); w !== undefined; w = it.next()) if (w.node.querySelector('.jp-Inspector') || w.node.classList.contains('jp-Inspector')) found.push(w);
    found.forEach((w) => w.close());
  });
}

// AFTER_RUN: what is checked in a notebook once Run All is done, on the
// same page (its widgets live in that page's kernel).
const AFTER_RUN = { '10_interactive.ipynb': interactiveWidgets };

// A slider of the cell at index CELL, found by its description.
function slider(page, cell, label) {
  return page.locator(`${PANEL} .jp-CodeCell`).nth(cell).locator('.widget-slider')
    .filter({ has: page.locator('.widget-label', { hasText: new RegExp(`^${label.replace(/[()]/g, '\\$&')}$`) }) });
}

// watchWidgets records, in the page, when each comm_msg update leaves for
// the kernel and when each new figure in the Output area of cell CELL has
// loaded and been painted (performance.now(), ms).
async function watchWidgets(page, cell) {
  await page.evaluate(([panel, cell]) => {
    const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
    const w = { sent: [], shown: [] };
    window.gonsimWidgets = w;
    kernel.anyMessage.connect((_, a) => {
      // Output widgets send their outputs back as updates too: only a
      // value counts.
      const d = a.msg.content.data;
      if (a.direction === 'send' && a.msg.header.msg_type === 'comm_msg' && d?.method === 'update' && 'value' in d.state) {
        w.sent.push({ t: performance.now(), state: a.msg.content.data.state });
      }
    });
    const out = document.querySelectorAll(`${panel} .jp-CodeCell`)[cell].querySelector('.widget-output');
    const seen = new WeakSet(out.querySelectorAll('img'));
    const painted = (img) => requestAnimationFrame(() => w.shown.push({ t: performance.now(), w: img.naturalWidth, src: img.src.length }));
    new MutationObserver(() => out.querySelectorAll('img').forEach((img) => {
      if (seen.has(img)) return;
      seen.add(img);
      if (img.complete && img.naturalWidth) painted(img);
      else img.addEventListener('load', () => painted(img), { once: true });
    })).observe(out, { childList: true, subtree: true });
  }, [PANEL, cell]);
}

// interactiveWidgets (notebook 10, after Run All): JupyterLab's widget
// manager draws the Interact box (two sliders, the first run's text and
// figure in its Output area) and the IntSlider with its Output area. Each
// arrow key on the tau slider sends one update; the kernel re-runs the
// section and the Output area shows the new tau and a new figure. The time
// from the comm_msg leaving the browser to the new figure painted is the
// slider-to-figure latency (target 100 ms).
async function interactiveWidgets(page) {
  const tau = slider(page, 0, 'tau (ms)');
  const current = slider(page, 0, 'I (nA)');
  await tau.waitFor({ timeout: TIMEOUT.ui });
  await current.waitFor({ timeout: TIMEOUT.ui });
  const out = page.locator(`${PANEL} .jp-CodeCell`).nth(0).locator('.widget-output');
  const readout = async () => (await tau.locator('.widget-readout').textContent()).trim();
  if (await readout() !== '15') throw new Error(`the tau slider reads ${JSON.stringify(await readout())}, want 15`);
  const text0 = await out.textContent();
  if (!/tau = 15\.? ms/.test(text0) || (await out.locator('img').count()) !== 1) {
    throw new Error(`the Interact Output area shows ${JSON.stringify(text0)} and ${await out.locator('img').count()} figure(s), want tau = 15 ms and one figure`);
  }
  ok('notebook 10: the tau (ms) and I (nA) sliders are drawn, the Output area shows tau = 15 ms and its figure');
  await watchWidgets(page, 0);
  const handle = tau.locator('.ui-slider-handle');
  await handle.focus();
  const latencies = [];
  let src = await out.locator('img').getAttribute('src');
  for (let v = 16; v <= 25; v++) {
    const before = await page.evaluate(() => ({ sent: window.gonsimWidgets.sent.length, shown: window.gonsimWidgets.shown.length }));
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(([b, v]) => {
      const w = window.gonsimWidgets;
      return w.shown.length > b.shown && w.sent.length > b.sent &&
        new RegExp(`tau = ${v}\\.? ms`).test(document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .widget-output').textContent);
    }, [before, v], { timeout: TIMEOUT.ui, polling: 20 });
    const m = await page.evaluate((b) => ({ sent: window.gonsimWidgets.sent[b.sent], shown: window.gonsimWidgets.shown[b.shown] }), before);
    if (m.sent.state.value !== v) throw new Error(`ArrowRight sent ${JSON.stringify(m.sent.state).slice(0, 200)}, want value ${v}`);
    if (!(m.shown.w > 0)) throw new Error(`the figure for tau = ${v} ms has width ${m.shown.w}`);
    const now = await out.locator('img').getAttribute('src');
    if (now === src) throw new Error(`the figure for tau = ${v} ms is the same image as before`);
    src = now;
    if (await readout() !== String(v)) throw new Error(`after ArrowRight the tau slider reads ${await readout()}, want ${v}`);
    latencies.push(m.shown.t - m.sent.t);
  }
  const text = await out.textContent();
  if ((await out.locator('img').count()) !== 1) throw new Error(`the Output area holds ${await out.locator('img').count()} figures after the moves, want 1 (cleared and redrawn)`);
  await out.scrollIntoViewIfNeeded();
  const shot = path.join(cfg.shots, 'slider-figure.png');
  await page.locator(`${PANEL} .jp-CodeCell`).nth(0).locator('.jp-Cell-outputArea').screenshot({ path: shot });
  const sorted = [...latencies].sort((a, b) => a - b);
  const med = sorted[Math.floor(sorted.length / 2)];
  console.log(`     slider-to-figure latency in the browser (comm_msg sent -> new figure painted), ${sorted.length} moves: ` +
    `median ${med.toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms ` +
    `(${latencies.map((l) => l.toFixed(0)).join(' ')})`);
  ok(`notebook 10: ArrowRight moved tau 15 -> 25 ms in ${latencies.length} updates, each drew a new figure; ` +
    `the Output area now shows ${JSON.stringify(text.trim().split('\n')[0])} (${shot})`);
  // 100 ms is the target on an idle machine; the bound catches a stall
  // without failing on a loaded 2-core machine (as the protocol test).
  if (med > 300) throw new Error(`median slider-to-figure latency ${med.toFixed(0)} ms, want <= 100 (300 at most on a loaded machine)`);

  // Sliders by hand: the IntSlider's Observe prints into its Output area.
  const inputs = slider(page, 1, 'inputs');
  const out2 = page.locator(`${PANEL} .jp-CodeCell`).nth(1).locator('.widget-output');
  await inputs.locator('.ui-slider-handle').focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((panel) => /inputs: 4 → last input at 40\.? ms/.test(
    document.querySelectorAll(`${panel} .jp-CodeCell`)[1].querySelector('.widget-output').textContent), PANEL,
  { timeout: TIMEOUT.ui, polling: 50 });
  ok(`notebook 10: the inputs slider moved to 4, its Output area shows ${JSON.stringify((await out2.textContent()).trim())}`);
}

const LONG_RUN = 'StartScope()\nG := NeuronGroup(1000, "dv/dt = -v/(10*ms) : 1")\nRun(100000 * second)';

// interrupt: a Run that would take hours is stopped by the toolbar's stop
// button; the cell shows KeyboardInterrupt and the kernel then runs 6*7.
async function interrupt(page) {
  const index = await page.evaluate(LAST_CELL);
  await typeInLastCell(page, LONG_RUN);
  await page.keyboard.press('Shift+Enter');
  await page.waitForFunction(() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'busy',
    null, { timeout: TIMEOUT.ui, polling: 50 });
  await page.waitForTimeout(1500);
  const t0 = Date.now();
  await page.locator(`${PANEL} .jp-NotebookPanel-toolbar [data-command="kernelmenu:interrupt"]`).click();
  const cell = await waitCell(page, index, TIMEOUT.ui);
  const took = Date.now() - t0;
  await page.screenshot({ path: path.join(cfg.shots, 'interrupt.png') });
  if (!/KeyboardInterrupt/.test(cell.text)) {
    throw new Error(`after the stop button the Run cell shows ${JSON.stringify(cell.text.slice(0, 300))}, want the interrupt`);
  }
  const after = await runLast(page, '6*7');
  if (after.text.trim() !== '42' || after.errors.length) {
    throw new Error(`after the interrupt, 6*7 shows ${JSON.stringify(after.text)}`);
  }
  const line = cell.text.split('\n').find((l) => /KeyboardInterrupt/.test(l)).trim();
  ok(`the stop button interrupted Run in ${took} ms (the cell shows ${JSON.stringify(line)}); then 6*7 -> 42 in cell ${after.prompt}`);
}

// restart: the toolbar's restart, confirmed in its dialog, gives a fresh
// kernel: the next cell is [1] and the variables are gone.
async function restart(page) {
  await runLast(page, 'x := 6*7');
  // The kernel is idle before the restart too: wait for it to have gone
  // through "restarting" (the session's status follows the kernel's).
  await page.evaluate(() => {
    window.gonsimRestarted = false;
    window.jupyterapp.shell.currentWidget.sessionContext.statusChanged.connect((_, s) => {
      if (s === 'restarting' || s === 'autorestarting' || s === 'starting') window.gonsimRestarted = true;
    });
  });
  await page.locator(`${PANEL} .jp-NotebookPanel-toolbar [data-command="kernelmenu:restart"]`).click();
  await page.locator('.jp-Dialog .jp-mod-accept').click();
  await page.waitForFunction(() => {
    const k = window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel;
    return window.gonsimRestarted && k && k.status === 'idle' && k.connectionStatus === 'connected';
  }, null, { timeout: TIMEOUT.open, polling: 100 });
  // What the user sees: the toolbar's kernel indicator back to idle.
  await page.waitForFunction((panel) => document.querySelector(`${panel} .jp-Notebook-ExecutionIndicator`)
    ?.dataset.status === 'idle', PANEL, { timeout: TIMEOUT.ui, polling: 100 })
    .catch(async () => {
      const status = await page.locator(`${PANEL} .jp-Notebook-ExecutionIndicator`).getAttribute('data-status');
      throw new Error(`after the restart the toolbar's kernel indicator shows ${status}, want idle`);
    });
  const fresh = await runLast(page, 'x');
  const again = await runLast(page, 'y := 7*6\ny');
  await page.screenshot({ path: path.join(cfg.shots, 'restart.png') });
  if (fresh.prompt !== '[1]:') throw new Error(`the first cell after the restart shows ${fresh.prompt}, want [1]:`);
  if (!fresh.errors.length || !/undefined/.test(fresh.text)) {
    throw new Error(`x after the restart shows ${JSON.stringify(fresh.text)}, want an undefined-name error`);
  }
  if (again.text.trim() !== '42') throw new Error(`after the restart, y := 7*6; y shows ${JSON.stringify(again.text)}`);
  ok(`restart: the next cell is ${fresh.prompt} and x is gone (${JSON.stringify(fresh.text.trim().split('\n')[0])}); the kernel runs cells`);
}

// A slider whose callback panics at 1 and loops at 2, printing into an
// Output area.
const BAD_CALLBACK = `k := IntSlider("k", 0, 0, 10)
out := Output()
k.Observe(func(c Change) {
	out.Capture(true, func() {
		if k.Value() == 1 {
			var m map[string]int
			m["a"] = 1
		}
		for k.Value() == 2 {
		}
		fmt.Println("k =", k.Value())
	})
})
VBox(k, out)`;

// badCallbacks: a callback that panics is reported in its Output area; one
// that loops keeps the kernel busy until the toolbar's stop button, which
// the Output area reports; the slider then works again.
async function badCallbacks(page) {
  const cell = await runLast(page, BAD_CALLBACK);
  if (cell.errors.length) throw new Error(`the widget cell failed: ${cell.errors[0]}`);
  const index = await page.evaluate(LAST_CELL) - 1;
  const k = slider(page, index, 'k');
  const out = page.locator(`${PANEL} .jp-CodeCell`).nth(index).locator('.widget-output');
  const shows = (re) => page.waitForFunction(([panel, index, re]) => new RegExp(re).test(
    document.querySelectorAll(`${panel} .jp-CodeCell`)[index].querySelector('.widget-output')?.textContent ?? ''),
  [PANEL, index, re], { timeout: TIMEOUT.ui, polling: 50 });
  await k.locator('.ui-slider-handle').focus();
  await page.keyboard.press('ArrowRight');
  await shows('panic in .*assignment to entry in nil map').catch(async () => {
    throw new Error(`after k = 1 the Output area shows ${JSON.stringify(await out.textContent())}, want the panic`);
  });
  const panicked = (await out.textContent()).trim();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'busy',
    null, { timeout: TIMEOUT.ui, polling: 50 });
  await page.waitForTimeout(1000);
  await page.locator(`${PANEL} .jp-NotebookPanel-toolbar [data-command="kernelmenu:interrupt"]`).click();
  await shows('KeyboardInterrupt').catch(async () => {
    throw new Error(`after the stop button the looping callback's Output area shows ${JSON.stringify(await out.textContent())}`);
  });
  const interrupted = (await out.textContent()).trim();
  await k.locator('.ui-slider-handle').focus();
  await page.keyboard.press('ArrowRight');
  await shows('^\\s*k = 3\\s*$').catch(async () => {
    throw new Error(`after the interrupt, k = 3 shows ${JSON.stringify(await out.textContent())}, want "k = 3"`);
  });
  await page.screenshot({ path: path.join(cfg.shots, 'widget-callbacks.png') });
  ok(`widget callbacks: a panic shows ${JSON.stringify(panicked.split('\n')[0])} in the Output area, ` +
    `the stop button ends a looping one (${JSON.stringify(interrupted.split('\n')[0])}), then k = 3 prints`);
}

// GONSIM_LAB_ONLY (a regular expression over the check names: launcher,
// the notebook file names, interactive) narrows a run while debugging.
const only = new RegExp(process.env.GONSIM_LAB_ONLY || '.');
try {
  if (only.test('launcher')) await launcher().catch((e) => fail(`launcher: ${first(e)}`));
  for (const name of cfg.notebooks.filter((n) => only.test(n))) {
    await runNotebook(name).catch((e) => fail(`${name}: ${first(e)}`));
  }
  if (only.test('interactive')) await interactive(cfg.scratch).catch((e) => fail(`${cfg.scratch}: ${first(e)}`));
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log(failures ? `lab: ${failures} failure(s)` : 'lab: all checks passed');
process.exit(failures ? 1 : 0);
