// Two pages edit the same narrative: the later save from a stale version does not silently
// erase the earlier one; it shows #conflict and keeps what was typed in the textarea.
import assert from 'node:assert/strict';
import { newPage } from '../lib/harness.mjs';
import { at, createNarrative, open, settle, typeInto } from '../lib/steps.mjs';
import { endsWithCleanShutdown, steps, useWorkbench } from '../lib/suite.mjs';

const env = useWorkbench();
const step = steps();
const A = 'I set the lending strategy and grew the loan book from £40M to £310M.';
const B = 'I lead three product managers and two designers across underwriting and servicing.';

step('two pages open the same narrative; the first saves, the second saves from the stale version', async () => {
  const { page, server, context } = env;
  const editor = await createNarrative(page, server, { title: 'Contested', kind: 'narrative' });
  const other = await newPage(context);
  await open(other, server, editor);

  await typeInto(page, A);
  await settle(page);
  await page.locator('#save-narrative').click();
  await page.waitForLoadState('load');
  await settle(page);
  assert.equal(await page.locator('#conflict').count(), 0, 'the first save reported a conflict');

  await typeInto(other, B);
  await settle(other);
  await other.locator('#save-narrative').click();
  await other.locator('#conflict').waitFor({ state: 'visible' });
  assert.ok((await other.locator('#conflict').innerText()).trim().length > 10, '#conflict says nothing');
  assert.equal(await other.locator('#narrative-body').inputValue(), B, 'the typed text is gone after the conflict');

  // The first save is intact.
  const fresh = await newPage(context);
  await fresh.goto(at(server, editor));
  assert.equal(await fresh.locator('#narrative-body').inputValue(), A, 'the earlier save was overwritten');
  await fresh.close();
  await other.close();
});

endsWithCleanShutdown(env);
