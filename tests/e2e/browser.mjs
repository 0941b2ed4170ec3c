// Drives Jupyter Notebook in Debian's headless Chromium the way a user does:
// open each notebook, Cell > Run All, wait for every prompt and an idle
// kernel, then assert what is on screen (figures drawn, expected text, no
// error). Then types `x := 6*7` and `x` into a new notebook and expects 42.
// Last, Run All on a notebook whose second cell panics: the error shows on
// that cell and the third cell is aborted (stop_on_error), never run.
//
// usage: node browser.mjs CONFIG.json
// CONFIG: {base, token, kernel, notebooks: [name...], summary: {name: {images, contains}},
//          scratch: name of an empty notebook for the typed cells,
//          cells: [[code, expected-output-or-null]...],
//          stopOnError: name of the notebook [print "one", panic, print "three"], shots: dir}
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';

const cfg = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const TIMEOUT = { open: 60_000, run: 600_000 };

// finished(k) is true in the page when code cell k (or, without k, every
// non-empty code cell) shows a prompt number and its outputs are all in.
const FINISHED = `(k) => {
  const code = window.Jupyter.notebook.get_cells().filter((c) => c.cell_type === 'code');
  const cells = k === undefined ? code.filter((c) => c.get_text().trim() !== '') : [code[k]];
  return cells.every((c) => c.last_msg_id && window.__gonsimFinished.has(c.last_msg_id) &&
    /\\[\\d+\\]/.test(c.element[0].querySelector('.input_prompt').innerText));
}`;
let failures = 0;
const fail = (msg) => { failures++; console.log(`FAIL ${msg}`); };

fs.mkdirSync(cfg.shots, { recursive: true });
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'gonsim-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

try {
  for (const name of cfg.notebooks) {
    await runNotebook(name).catch((e) => fail(`${name}: ${e.message.split('\n')[0]}`));
  }
  await typedCells(cfg.scratch).catch((e) => fail(`${cfg.scratch}: ${e.message.split('\n')[0]}`));
  await stopOnError(cfg.stopOnError).catch((e) => fail(`${cfg.stopOnError}: ${e.message.split('\n')[0]}`));
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log(failures ? `browser: ${failures} failure(s)` : 'browser: all checks passed');
process.exit(failures ? 1 : 0);

// open loads a notebook and waits until its kernel (the right one) is idle.
async function open(name) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => d.dismiss());
  await page.goto(`${cfg.base}/notebooks/${encodeURIComponent(name)}?token=${cfg.token}`);
  await page.waitForSelector('#kernel_indicator_icon.kernel_idle_icon', { timeout: TIMEOUT.open });
  const kernel = await page.evaluate(() => window.Jupyter.notebook.kernel.name);
  if (kernel !== cfg.kernel) throw new Error(`runs kernel ${kernel}, want ${cfg.kernel}`);
  // A cell is finished when the kernel's iopub idle for its request has been
  // handled: only then are all its outputs on screen. (The execute_reply,
  // which numbers the prompt, travels on another channel and can overtake
  // the outputs; the idle indicator can still show the previous idle.)
  await page.evaluate(() => {
    window.__gonsimFinished = new Set();
    window.Jupyter.notebook.events.on('finished_execute.CodeCell',
      (e, d) => window.__gonsimFinished.add(d.cell.last_msg_id));
  });
  return { page, errors };
}

// close shuts the notebook's kernel down (as File > Close and Halt does), so
// kernels do not pile up over many notebooks, then closes the tab.
async function close(page) {
  await page.evaluate(() => new Promise((resolve) => {
    try {
      window.Jupyter.notebook.session.delete(resolve, resolve);
    } catch (e) {
      resolve();
    }
  })).catch(() => {});
  await page.close();
}

// waitDone waits until every non-empty code cell is finished, or, when a
// cell shows an error (Run All stops there, and waiting for the rest would
// only run into the timeout), until the kernel is idle.
async function waitDone(page) {
  await page.waitForFunction((finished) => {
    if (document.querySelector('.output_error') !== null) {
      return document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null;
    }
    return eval(finished)();
  }, FINISHED, { timeout: TIMEOUT.run, polling: 200 });
}

// shoot saves a screenshot of the whole notebook. The classic UI scrolls
// inside #site, not the page, so the viewport is made as tall as the notebook.
async function shoot(page, file) {
  // MathJax's loading message would cover the bottom-left corner.
  await page.waitForFunction(() => {
    const m = document.querySelector('#MathJax_Message');
    return !m || m.style.display === 'none' || m.innerText.trim() === '';
  }, null, { timeout: 10_000 }).catch(() => {});
  const height = await page.evaluate(() => {
    const site = document.querySelector('#site');
    if (site) site.scrollTop = 0;
    const c = document.querySelector('#notebook-container');
    const header = document.querySelector('#header');
    return (c ? c.scrollHeight : 800) + (header ? header.offsetHeight : 0) + 80;
  });
  await page.setViewportSize({ width: 1280, height: Math.min(Math.max(height, 600), 16000) });
  await page.waitForTimeout(200);
  await page.screenshot({ path: file });
}

// screen returns what the notebook shows: output text, errors, figures.
function screen(page) {
  return page.evaluate(() => {
    const areas = [...document.querySelectorAll('.output_subarea')];
    const imgs = [...document.querySelectorAll('.output_area img')]
      .filter((i) => i.src.startsWith('data:image/png;base64,'));
    return {
      text: areas.map((a) => a.innerText).join('\n'),
      errors: [...document.querySelectorAll('.output_error')].map((e) => e.innerText.slice(0, 500)),
      images: imgs.map((i) => ({ w: i.naturalWidth, h: i.naturalHeight, complete: i.complete })),
      prompts: [...document.querySelectorAll('.code_cell')]
        .filter((c) => (c.querySelector('.CodeMirror')?.CodeMirror?.getValue() ?? '').trim() !== '')
        .map((c) => c.querySelector('.input_prompt').innerText.trim()),
    };
  });
}

async function runNotebook(name) {
  const start = Date.now();
  const want = cfg.summary[name];
  if (!want) throw new Error('no nbconvert result for it (see the notebook stage); the browser test compares against it');
  const { page, errors } = await open(name);
  try {
    // Start from no outputs, so a prompt number can only come from this run.
    await page.evaluate(() => window.Jupyter.notebook.clear_all_output());
    await page.click('#celllink');
    await page.click('#run_all_cells > a');
    await waitDone(page);
    // Images decode asynchronously after insertion; give them a moment.
    await page.waitForFunction(() => [...document.querySelectorAll('.output_area img')].every((i) => i.complete),
      null, { timeout: 30_000 });
    const s = await screen(page);
    const shot = path.join(cfg.shots, name.replace(/\.ipynb$/, '.png'));
    await shoot(page, shot);
    const problems = [];
    for (const e of s.errors) problems.push(`error output on screen: ${e}`);
    const notRun = s.prompts.filter((p) => !/\[\d+\]/.test(p)).length;
    if (notRun) problems.push(`${notRun} code cell(s) show no execution count`);
    if (s.images.length !== want.images) {
      problems.push(`${s.images.length} PNG figures on screen, nbconvert produced ${want.images}`);
    }
    s.images.forEach((im, k) => {
      if (!(im.w > 0 && im.h > 0)) problems.push(`figure ${k + 1} has natural size ${im.w}x${im.h}`);
    });
    for (const t of want.contains) {
      if (!s.text.includes(t)) problems.push(`text ${JSON.stringify(t)} is not on screen`);
    }
    for (const e of errors) problems.push(`page error: ${e}`);
    if (problems.length) {
      fail(`${name}: ${problems.length} problem(s), screenshot ${shot}`);
      for (const p of problems) console.log(`  ${p}`);
    } else {
      console.log(`ok   ${name}: ${s.prompts.length} cells ran, ${s.images.length} figures shown, ` +
        `${want.contains.length} texts seen, no errors (${((Date.now() - start) / 1000).toFixed(1)} s, ${shot})`);
    }
  } finally {
    await close(page);
  }
}

// typedCells types each cell into an empty notebook as a user does, runs it
// with Shift+Enter and checks the cell's visible output.
async function typedCells(name) {
  const { page, errors } = await open(name);
  try {
    for (let k = 0; k < cfg.cells.length; k++) {
      const [code, want] = cfg.cells[k];
      const cell = page.locator('.code_cell').nth(k);
      await cell.locator('.CodeMirror').click();
      await page.keyboard.type(code);
      await page.keyboard.press('Shift+Enter');
      await page.waitForFunction(([finished, k]) => eval(finished)(k), [FINISHED, k],
        { timeout: TIMEOUT.open, polling: 100 });
      const out = await cell.locator('.output_subarea').allInnerTexts();
      const text = out.join('\n').trim();
      const errs = await cell.locator('.output_error').count();
      if (errs) fail(`${name}: cell ${JSON.stringify(code)} shows an error: ${text}`);
      else if (want === null && text !== '') fail(`${name}: cell ${JSON.stringify(code)} should show nothing, shows ${JSON.stringify(text)}`);
      else if (want !== null && !new RegExp(want).test(text)) {
        fail(`${name}: cell ${JSON.stringify(code)} shows ${JSON.stringify(text)}, want /${want}/`);
      } else console.log(`ok   typed ${JSON.stringify(code)} -> ${JSON.stringify(text)}`);
    }
    for (const e of errors) fail(`${name}: page error: ${e}`);
    await shoot(page, path.join(cfg.shots, 'typed-cells.png'));
  } finally {
    await close(page);
  }
}

// stopOnError runs all cells of a notebook whose cells print "one", panic
// (assignment to a nil map) and print "three". Notebook sends the three
// execute requests at once with stop_on_error, so the kernel has the third
// queued when the second fails: it must answer it "aborted" without running
// it, and the frontend then leaves its prompt empty.
async function stopOnError(name) {
  const { page, errors } = await open(name);
  try {
    await page.evaluate(() => window.Jupyter.notebook.clear_all_output());
    await page.click('#celllink');
    await page.click('#run_all_cells > a');
    // Done when all three requests are finished (their iopub idle handled,
    // the aborted one's too) and no prompt still shows the pending '*' (the
    // execute_reply, aborted or not, has arrived).
    // (FINISHED would wait for a number on the aborted cell too.)
    await page.waitForFunction(() => window.Jupyter.notebook.get_cells()
      .filter((c) => c.cell_type === 'code')
      .every((c) => c.last_msg_id && window.__gonsimFinished.has(c.last_msg_id) &&
        !c.element[0].querySelector('.input_prompt').innerText.includes('*')),
    null, { timeout: TIMEOUT.open, polling: 100 });
    const cells = await page.evaluate(() => [...document.querySelectorAll('.code_cell')].map((c) => ({
      prompt: c.querySelector('.input_prompt').innerText.trim(),
      text: [...c.querySelectorAll('.output_subarea')].map((a) => a.innerText).join('\n').trim(),
      errors: [...c.querySelectorAll('.output_error')].map((e) => e.innerText),
    })));
    const shot = path.join(cfg.shots, 'stop-on-error.png');
    await shoot(page, shot);
    const problems = [];
    if (cells.length !== 3) problems.push(`${cells.length} code cells, want 3`);
    const [one, two, three] = cells;
    if (one && !(/^In\s*\[\d+\]:$/.test(one.prompt) && one.text === 'one' && one.errors.length === 0)) {
      problems.push(`cell 1 shows prompt ${JSON.stringify(one.prompt)} and ${JSON.stringify(one.text)}, want In [n]: and "one"`);
    }
    if (two && two.errors.length !== 1) problems.push(`cell 2 shows ${two.errors.length} error outputs, want 1`);
    if (two && two.errors.length && !/nil map/.test(two.errors[0])) {
      problems.push(`cell 2's error does not name the nil map: ${JSON.stringify(two.errors[0].slice(0, 300))}`);
    }
    if (two && !/^In\s*\[\d+\]:$/.test(two.prompt)) problems.push(`cell 2 shows prompt ${JSON.stringify(two.prompt)}, want In [n]:`);
    const all = cells.map((c) => c.text).join('\n');
    if (/three/.test(all)) problems.push(`"three" is on screen: the cell after the error ran`);
    if (three && three.prompt.replace(/\s+/g, ' ') !== 'In [ ]:') {
      problems.push(`cell 3 shows prompt ${JSON.stringify(three.prompt)}, want "In [ ]:" (aborted, not run)`);
    }
    if (three && three.text !== '') problems.push(`cell 3 shows output ${JSON.stringify(three.text)}, want none`);
    for (const e of errors) problems.push(`page error: ${e}`);
    if (problems.length) {
      fail(`${name}: ${problems.length} problem(s), screenshot ${shot}`);
      for (const p of problems) console.log(`  ${p}`);
    } else {
      console.log(`ok   ${name}: Run All stopped at the error in cell 2 (${JSON.stringify(two.errors[0].split('\n')[0])}), ` +
        `cell 3 not run (${three.prompt}), ${shot}`);
    }
  } finally {
    await close(page);
  }
}
