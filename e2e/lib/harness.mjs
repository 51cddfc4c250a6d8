// The harness of the browser tests: start `pivot serve` on a free port with a fresh data
// directory and SQLite file, launch Debian's Chromium through playwright-core, audit pages
// with axe-core, take screenshots, and check the .ics download with Python's icalendar.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const E2E_DIR = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
export const REPO = path.resolve(E2E_DIR, '..');
export const FIXTURES = path.join(E2E_DIR, 'fixtures');
export const OUTPUT = path.join(E2E_DIR, 'output');
export const SCREENSHOTS = process.env.E2E_SCREENSHOT_DIR
  ? path.resolve(process.env.E2E_SCREENSHOT_DIR)
  : path.join(REPO, 'docs', 'screenshots');

/** The pivot binary: $PIVOT_BIN, else target/debug/pivot in the repository. */
export function pivotBin() {
  const bin = process.env.PIVOT_BIN
    ? path.resolve(REPO, process.env.PIVOT_BIN)
    : path.join(REPO, 'target', 'debug', 'pivot');
  if (!existsSync(bin)) {
    throw new Error(`no pivot binary at ${bin}: run \`cargo build --bin pivot --bin pivot-full\` or set PIVOT_BIN`);
  }
  return bin;
}

/** A fresh temporary directory, removed when the process exits unless E2E_KEEP is set. */
export function tempDir(prefix = 'pivot-e2e-') {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  if (!process.env.E2E_KEEP) {
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return dir;
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts a server process and resolves once it printed `<readyPattern> http://ADDR` and
 * answers HTTP there. `args(port)` gives the command line for a port. Rejects, with the
 * process's output, when it exits first or takes longer than `timeoutMs`.
 */
export async function startProcessServer({
  command,
  args,
  env = {},
  readyPattern = /Pivot workbench: (http:\/\/\S+)/,
  timeoutMs = 30_000,
  name = path.basename(command),
}) {
  let lastError;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      return await startOnce({ command, args: args(port), env, readyPattern, timeoutMs, name, port });
    } catch (err) {
      lastError = err;
      // Another process may have taken the port between freePort() and the bind: retry.
      if (!/in use|AddrInUse|address already/i.test(String(err.message))) throw err;
    }
  }
  throw lastError;
}

function startOnce({ command, args, env, readyPattern, timeoutMs, name, port }) {
  const started = process.hrtime.bigint();
  const child = spawn(command, args, {
    cwd: REPO,
    env: { ...process.env, NO_COLOR: '1', RUST_BACKTRACE: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const log = () => `--- ${name} ${args.join(' ')} output ---\n${output.trim()}\n---`;
  return new Promise((resolve, reject) => {
    let done = false;
    const fail = (msg) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${msg}\n${log()}`));
    };
    const timer = setTimeout(() => fail(`${name} did not say it was answering within ${timeoutMs} ms`), timeoutMs);
    let buffered = '';
    child.stdout.on('data', async (chunk) => {
      output += chunk;
      buffered += chunk;
      const m = buffered.match(readyPattern);
      if (!m || done) return;
      buffered = '';
      const url = m[1].replace(/\/$/, '');
      const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
      try {
        const res = await fetch(url + '/');
        await res.arrayBuffer();
      } catch (err) {
        fail(`${name} said it was answering at ${url} but GET / failed: ${err.message}`);
        return;
      }
      done = true;
      clearTimeout(timer);
      resolve({
        url,
        port,
        readyMs,
        process: child,
        output: () => output,
        log,
        exited,
        /** SIGINT (Ctrl-C); resolves with { code, signal, ms } once the process is gone. */
        async stop(timeout = 15_000) {
          if (child.exitCode !== null || child.signalCode !== null) {
            return { ...(await exited), ms: 0, alreadyExited: true };
          }
          const t0 = Date.now();
          child.kill('SIGINT');
          const killer = setTimeout(() => child.kill('SIGKILL'), timeout);
          const result = await exited;
          clearTimeout(killer);
          return { ...result, ms: Date.now() - t0, forced: Date.now() - t0 >= timeout };
        },
      });
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', (err) => fail(`${name} could not start: ${err.message}`));
    exited.then(({ code, signal }) => fail(`${name} exited (code ${code}, signal ${signal}) before answering`));
  });
}

/**
 * `pivot serve` on a free port with a fresh data directory and SQLite file, lexical
 * (`--no-model`). Returns the server handle plus `dataDir` and `database`.
 */
export async function startPivot({ extraArgs = [] } = {}) {
  const dir = tempDir();
  const dataDir = path.join(dir, 'data');
  mkdirSync(dataDir);
  const database = `sqlite://${path.join(dir, 'pivot.db')}`;
  const server = await startProcessServer({
    command: pivotBin(),
    name: 'pivot serve',
    env: { PIVOT_DATA_DIR: dataDir },
    args: (port) => [
      'serve',
      '--addr', `127.0.0.1:${port}`,
      '--database', database,
      '--data-dir', dataDir,
      '--no-model',
      ...extraArgs,
    ],
  });
  return { ...server, dataDir, database };
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Same glyphs on every machine: no LCD subpixel positioning in screenshots.
  '--font-render-hinting=none',
  '--disable-lcd-text',
];

/** Debian's Chromium (never a downloaded browser). */
export function launchBrowser() {
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`no Chromium at ${executablePath}: run scripts/browser (or set CHROMIUM)`);
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A browser context for the tests: 1280 px wide, English, UTC, downloads on, CSP bypassed so
 * that axe-core can be injected.
 */
export function newContext(browser, options = {}) {
  return browser.newContext({
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    locale: 'en-GB',
    timezoneId: 'UTC',
    reducedMotion: 'reduce',
    colorScheme: 'light',
    acceptDownloads: true,
    bypassCSP: true,
    ...options,
  });
}

/**
 * A new page that records uncaught script errors, console errors and failed requests, so a
 * test can assert the page ran cleanly (`problems()`).
 */
export async function newPage(context, { timeout = 15_000 } = {}) {
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  // Counts htmx requests in flight so tests can wait for the live analysis to settle.
  await page.addInitScript(() => {
    const s = (window.__e2e = { inflight: 0, last: performance.now(), requests: 0 });
    const touch = () => { s.last = performance.now(); };
    document.addEventListener('htmx:beforeRequest', () => { s.inflight++; s.requests++; touch(); });
    document.addEventListener('htmx:afterRequest', () => { s.inflight = Math.max(0, s.inflight - 1); touch(); });
    document.addEventListener('htmx:afterSettle', touch);
    document.addEventListener('input', touch, true);
  });
  const problems = [];
  page.on('pageerror', (err) => problems.push(`uncaught error on ${page.url()}: ${err.message}`));
  page.on('console', (msg) => {
    // A failed load is reported with its URL by the 'response' handler below.
    if (msg.type() === 'error' && !/^Failed to load resource/.test(msg.text())) {
      problems.push(`console error on ${page.url()}: ${msg.text()}`);
    }
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && !page.expectedStatuses?.has(res.status())) {
      problems.push(`${res.status()} for ${res.request().method()} ${res.url()} (on ${page.url()})`);
    }
  });
  page.on('requestfailed', (req) => {
    const failure = req.failure()?.errorText ?? '';
    // A navigation that replaces a pending request aborts it: not a problem.
    if (/ERR_ABORTED/.test(failure)) return;
    problems.push(`request failed: ${req.method()} ${req.url()} ${failure}`);
  });
  page.problems = () => problems.slice();
  return page;
}

const AXE_PATH = path.join(E2E_DIR, 'node_modules', 'axe-core', 'axe.min.js');

/** Runs axe-core on the page; returns the violations of impact serious or critical. */
export async function axeAudit(page) {
  await page.addScriptTag({ path: AXE_PATH });
  const results = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    return await axe.run(document, { resultTypes: ['violations'] });
  });
  return {
    all: results.violations,
    serious: results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
  };
}

/** axe violations as readable text. */
export function formatViolations(label, violations) {
  const lines = [];
  for (const v of violations) {
    lines.push(`${label}: [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const node of v.nodes.slice(0, 8)) {
      lines.push(`    at ${node.target.join(' ')}`);
      lines.push(`       ${node.html.replace(/\s+/g, ' ').slice(0, 200)}`);
      if (node.failureSummary) {
        lines.push(...node.failureSummary.split('\n').map((l) => `       ${l}`));
      }
    }
    if (v.nodes.length > 8) lines.push(`    … and ${v.nodes.length - 8} more`);
  }
  return lines.join('\n');
}

/**
 * A full-page PNG at the page's current viewport width. Timestamps shown on the page
 * (`YYYY-MM-DD HH:MM`, when a map was built or a version saved) are set to one fixed value
 * first, so that the committed screenshots change only when the pages do.
 */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const stamp = /\b\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?\b/g;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (stamp.test(n.nodeValue)) n.nodeValue = n.nodeValue.replace(stamp, '2025-05-05 09:30');
      stamp.lastIndex = 0;
    }
  });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide', scale: 'css' });
  return file;
}

const VENV_PY = path.join(E2E_DIR, '.venv', 'bin', 'python');

/** Python with icalendar in e2e/.venv, created with pip when missing. */
export function icalendarPython() {
  const has = () => {
    try {
      execFileSync(VENV_PY, ['-c', 'import icalendar'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (!has()) {
    rmSync(path.join(E2E_DIR, '.venv'), { recursive: true, force: true });
    execFileSync('python3', ['-m', 'venv', path.join(E2E_DIR, '.venv')], { stdio: 'inherit' });
    execFileSync(VENV_PY, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', 'icalendar==6.3.2'], {
      stdio: 'inherit',
    });
  }
  return VENV_PY;
}

/** Parses an .ics file with Python's icalendar (e2e/check_ics.py); returns its JSON summary. */
export function checkIcs(file) {
  const out = execFileSync(icalendarPython(), [path.join(E2E_DIR, 'check_ics.py'), file], {
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

/** Builds a zip of a folder with Python's zipfile (store paths relative to `base`). */
export function zipFolder(folder, zipFile, base = path.dirname(folder)) {
  const script = `
import os, sys, zipfile
folder, out, base = sys.argv[1:4]
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for f in sorted(files):
            p = os.path.join(root, f)
            info = zipfile.ZipInfo(os.path.relpath(p, base), date_time=(2025, 5, 1, 12, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(p, 'rb') as fh:
                z.writestr(info, fh.read())
`;
  execFileSync('python3', ['-c', script, folder, zipFile, base]);
  return zipFile;
}
