// Keyboard only: the skip link comes first and moves focus to the content; a narrative can be
// created, written (with live underlines) and saved without the mouse; focus is always visible.
import assert from 'node:assert/strict';
import { open, scoreValue } from '../lib/steps.mjs';
import { assertNoPageProblems, endsWithCleanShutdown, steps, useWorkbench } from '../lib/suite.mjs';

const env = useWorkbench();
const step = steps();

/** Presses Tab until the focused element matches `selector` (at most `max` times). */
async function tabTo(page, selector, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((sel) => document.activeElement?.matches(sel), selector)) return;
  }
  throw new Error(`${selector} not reached with ${max} Tabs`);
}

/** The focused element has a visible focus indicator (outline or box-shadow). */
async function focusVisible(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const cs = getComputedStyle(el);
    return (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none';
  });
}

step('the first Tab reaches "Skip to main content", and Enter moves focus into the page content', async () => {
  const { page, server } = env;
  await open(page, server, '/');
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => ({ text: document.activeElement.textContent.trim(), href: document.activeElement.getAttribute('href') }));
  assert.match(first.text, /skip to (main )?content/i);
  assert.ok(await focusVisible(page), 'the skip link has no visible focus');
  await page.keyboard.press('Enter');
  const inMain = await page.evaluate(() => !!document.activeElement.closest('main') || document.activeElement.tagName === 'MAIN');
  assert.ok(inMain, 'focus did not move into <main>');
});

step('create, write and save a narrative with the keyboard alone', async () => {
  const { page, server } = env;
  await open(page, server, '/narratives');
  await tabTo(page, '#new-narrative [name="title"]');
  await page.keyboard.type('Keyboard story');
  await tabTo(page, '#new-narrative button[type="submit"], #new-narrative input[type="submit"]');
  assert.ok(await focusVisible(page), 'the Create button has no visible focus');
  await Promise.all([page.waitForURL(/\/narratives\/[^/]+$/), page.keyboard.press('Enter')]);
  await tabTo(page, '#narrative-body');
  assert.ok(await focusVisible(page), 'the editor has no visible focus');
  await page.keyboard.type('Responsible for managing the roadmap.');
  await page.locator('mark.finding[data-rule="Method.TaskLanguage"]').first().waitFor({ state: 'visible' });
  await scoreValue(page);
  await tabTo(page, '#save-narrative');
  assert.ok(await focusVisible(page), 'the Save button has no visible focus');
  await page.keyboard.press('Enter');
  await page.waitForLoadState('load');
  await page.locator('#narrative-body').waitFor();
  await page.reload();
  assert.equal(await page.locator('#narrative-body').inputValue(), 'Responsible for managing the roadmap.');
  assertNoPageProblems(page);
});

endsWithCleanShutdown(env);
