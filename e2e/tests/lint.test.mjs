// Live lint in the narrative editor: the underline of a finding appears as a sentence with
// task language is typed and disappears when the text is replaced by an outcome; underlines
// sit on the right words; user text is escaped.
import assert from 'node:assert/strict';
import { createNarrative, scoreValue, settle, typeInto } from '../lib/steps.mjs';
import { assertNoPageProblems, endsWithCleanShutdown, steps, useWorkbench } from '../lib/suite.mjs';

const env = useWorkbench();
const step = steps();
const TASK = 'mark.finding[data-rule="Method.TaskLanguage"]';

step('typing task language underlines it (Method.TaskLanguage) within the debounce', async () => {
  const { page, server } = env;
  await createNarrative(page, server, { title: 'Live lint', kind: 'narrative' });
  await typeInto(page, 'Responsible for managing the roadmap.');
  const t0 = Date.now();
  const mark = page.locator(TASK).first();
  await mark.waitFor({ state: 'visible', timeout: 5_000 });
  const ms = Date.now() - t0;
  console.log(`underline visible ${ms} ms after the last key`);
  assert.match(await mark.textContent(), /^Responsible for/i);
  await scoreValue(page);
  assertNoPageProblems(page);
});

step('replacing it with an outcome sentence removes that underline', async () => {
  const { page } = env;
  await typeInto(page, 'I cut loan decision time from 3 days to 4 minutes, lifting approvals 18%.');
  await page.locator(TASK).first().waitFor({ state: 'detached', timeout: 5_000 });
  await settle(page);
  assert.equal(await page.locator(TASK).count(), 0);
  assertNoPageProblems(page);
});

step('typing it again brings the underline back (the text is re-checked on every change)', async () => {
  const { page } = env;
  await typeInto(page, 'I cut loan decision time from 3 days to 4 minutes. Responsible for managing the roadmap.');
  await page.locator(TASK).first().waitFor({ state: 'visible', timeout: 5_000 });
  assertNoPageProblems(page);
});

step('pasting text (an input event, no key presses) updates the underlines too', async () => {
  const { page } = env;
  await page.locator('#narrative-body').fill('I cut loan decision time from 3 days to 4 minutes, lifting approvals 18%.');
  await page.locator(TASK).first().waitFor({ state: 'detached', timeout: 5_000 });
  await page.locator('#narrative-body').fill('I was responsible for the partnership with our payment processor.');
  await page.locator(TASK).first().waitFor({ state: 'visible', timeout: 5_000 });
  assertNoPageProblems(page);
});

step('user text is shown escaped: markup typed into the editor never becomes markup', async () => {
  const { page } = env;
  const text = 'Responsible for <b id="injected">bold</b> <img src=x onerror="window.__pwned=1"> plans & "roadmaps".';
  await page.locator('#narrative-body').fill(text);
  await page.locator(TASK).first().waitFor({ state: 'visible', timeout: 5_000 });
  await settle(page);
  assert.equal(await page.locator('#injected').count(), 0, 'typed <b> became an element');
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'typed onerror ran');
  assert.equal(await page.locator('#narrative-body').inputValue(), text);
});

endsWithCleanShutdown(env);
