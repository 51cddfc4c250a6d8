// One server and one browser per test file, steps that stop at the first failure, and the
// Ctrl-C check every file ends with.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, newContext, newPage, startPivot } from './harness.mjs';

/**
 * Sets up `pivot serve` and Chromium for this file. Returns an object whose fields are
 * filled in before the first test: { server, browser, context, page }.
 */
export function useWorkbench() {
  const env = {};
  before(async () => {
    env.server = await startPivot();
    env.browser = await launchBrowser();
    env.context = await newContext(env.browser);
    env.page = await newPage(env.context);
  });
  after(async () => {
    await env.browser?.close().catch(() => {});
    // Normally the last test stopped it; this only cleans up after a failure.
    if (env.server && env.server.process.exitCode === null && env.server.process.signalCode === null) {
      await env.server.stop(5_000);
    }
  });
  return env;
}

/**
 * A sequence of dependent steps: once one fails, the later ones are skipped (they would
 * only fail for the same reason).
 */
export function steps() {
  let broken = null;
  const step = (name, fn, { timeout = 60_000 } = {}) =>
    test(name, { timeout }, async (t) => {
      if (broken) {
        t.skip(`skipped: the step "${broken}" failed`);
        return;
      }
      try {
        await fn(t);
      } catch (err) {
        broken = name;
        throw err;
      }
    });
  /** A check that runs in order but whose failure does not stop the later steps. */
  step.soft = (name, fn, { timeout = 60_000 } = {}) =>
    test(name, { timeout }, async (t) => {
      if (broken) {
        t.skip(`skipped: the step "${broken}" failed`);
        return;
      }
      await fn(t);
    });
  step.broken = () => broken;
  return step;
}

/** The file's last test: no script error on the page, then Ctrl-C (SIGINT) and exit 0. */
export function endsWithCleanShutdown(env) {
  test('Ctrl-C (SIGINT) stops pivot serve cleanly: exit 0, promptly, with the browser still connected', async () => {
    assert.ok(env.server, 'the server never started');
    const { code, signal, ms, forced } = await env.server.stop(10_000);
    assert.ok(!forced, `pivot serve was still running 10 s after SIGINT\n${env.server.log()}`);
    assert.equal(signal, null, `pivot serve died of ${signal}\n${env.server.log()}`);
    assert.equal(code, 0, `pivot serve exited ${code} after SIGINT\n${env.server.log()}`);
    assert.ok(ms < 5_000, `shutdown took ${ms} ms`);
    assert.doesNotMatch(env.server.output(), /panicked at/, `pivot serve panicked\n${env.server.log()}`);
  });
}

/** Asserts the page had no uncaught script error, console error or failed request. */
export function assertNoPageProblems(page) {
  const problems = page.problems();
  assert.deepEqual(problems, [], `the page reported problems:\n${problems.join('\n')}`);
}
