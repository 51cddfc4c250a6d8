// Managing narratives on /narratives: rename one (its versions stay), then delete it after the
// confirmation the page asks for; dismissing that confirmation deletes nothing. Then the
// dashboard's backup: download everything, and restore it with "Replace what is here".
import assert from 'node:assert/strict';
import path from 'node:path';
import { axeAudit, formatViolations, tempDir } from '../lib/harness.mjs';
import { createNarrative, open, settle, typeInto } from '../lib/steps.mjs';
import { endsWithCleanShutdown, steps, useWorkbench } from '../lib/suite.mjs';

const env = useWorkbench();
const step = steps();
const TEXT = 'I grew the loan book from £40M to £310M in two years as Group PM.';

/** The card of the narrative titled `title` on /narratives. */
const card = (page, title) => page.locator('#narratives [data-narrative]', { hasText: title });

step('a saved narrative is renamed from its card; the version stays', async () => {
  const { page, server } = env;
  await createNarrative(page, server, { title: 'First draft' });
  await typeInto(page, TEXT);
  await settle(page);
  await page.locator('#save-narrative').click();
  await page.waitForLoadState('load');

  await open(page, server, '/narratives');
  const item = card(page, 'First draft');
  await item.locator('summary').click();
  const title = item.locator('input[name="title"]');
  await title.fill('Why I move to Director');
  await item.getByRole('button', { name: /^Rename/ }).click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('.success[role=status]').innerText(), /Narrative renamed/);
  const renamed = card(page, 'Why I move to Director');
  assert.equal(await renamed.count(), 1, 'the new title is not listed');
  assert.match(await renamed.innerText(), /version 1/);
  assert.equal(await card(page, 'First draft').count(), 0);
  const { serious } = await axeAudit(page);
  assert.equal(serious.length, 0, formatViolations('narratives after a rename', serious));
});

let backup;

step('download everything from the dashboard: the backup holds the renamed narrative', async () => {
  const { page, server } = env;
  await open(page, server, '/');
  const link = page.locator('#backup a[download]');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  backup = path.join(tempDir(), 'backup.json');
  await download.saveAs(backup);
  const { readFileSync } = await import('node:fs');
  const json = JSON.parse(readFileSync(backup, 'utf8'));
  assert.equal(json.narratives.length, 1);
  assert.equal(json.narratives[0].narrative.title, 'Why I move to Director');
});

step('delete asks first: dismissed, nothing changes; accepted, the narrative is gone', async () => {
  const { page, server } = env;
  await open(page, server, '/narratives');
  let item = card(page, 'Why I move to Director');
  await item.locator('summary').click();
  const asked = [];
  page.once('dialog', (d) => {
    asked.push(d.message());
    d.dismiss();
  });
  await item.getByRole('button', { name: /^Delete/ }).click();
  await settle(page, 200);
  assert.deepEqual(asked, ['Delete “Why I move to Director” and all its versions?']);
  await open(page, server, '/narratives');
  assert.equal(await card(page, 'Why I move to Director').count(), 1, 'a dismissed delete deleted');

  item = card(page, 'Why I move to Director');
  await item.locator('summary').click();
  page.once('dialog', (d) => d.accept());
  await item.getByRole('button', { name: /^Delete/ }).click();
  await page.waitForLoadState('load');
  await page.locator('.success[role=status]').waitFor({ state: 'visible' });
  assert.match(await page.locator('.success[role=status]').innerText(), /Narrative deleted/);
  assert.equal(await page.locator('#narratives [data-narrative]').count(), 0);
});

step('restore the backup on the dashboard with "Replace what is here": the narrative is back', async () => {
  const { page, server } = env;
  await open(page, server, '/');
  const form = page.locator('#restore');
  await form.locator('input[type="file"]').setInputFiles(backup);
  await form.getByLabel('Replace what is here').check();
  page.once('dialog', (d) => d.accept());
  await form.getByRole('button', { name: 'Restore', exact: true }).click();
  await page.waitForLoadState('load');
  const notice = page.locator('.success[role=status]');
  await notice.waitFor({ state: 'visible' });
  assert.match(await notice.innerText(), /Backup restored: \d+ document\(s\), 1 narrative\(s\)/);
  await open(page, server, '/narratives');
  const item = card(page, 'Why I move to Director');
  assert.equal(await item.count(), 1, 'the restored narrative is not listed');
  assert.match(await item.innerText(), /version 1/);
  const { serious } = await axeAudit(page);
  assert.equal(serious.length, 0, formatViolations('narratives after a restore', serious));
});

endsWithCleanShutdown(env);
