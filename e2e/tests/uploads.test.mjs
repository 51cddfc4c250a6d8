// Bad uploads on /assets: a corrupt PDF and a file over the 20 MB limit each show a clear
// error (.error[role=alert]) and nothing new appears in the documents list.
import assert from 'node:assert/strict';
import { closeSync, openSync, writeSync, ftruncateSync } from 'node:fs';
import path from 'node:path';
import { REPO, axeAudit, formatViolations, tempDir } from '../lib/harness.mjs';
import { CORRUPT_PDF, RESUME_PDF, open, upload } from '../lib/steps.mjs';
import { endsWithCleanShutdown, steps, useWorkbench } from '../lib/suite.mjs';

const env = useWorkbench();
const step = steps();

/** The documents listed (their rows' text), to compare before and after. */
async function documents(page) {
  return page.locator('#documents [data-document]').allInnerTexts();
}

async function badUpload(file, as, pattern) {
  const { page, server } = env;
  await open(page, server, '/assets');
  const before = await documents(page);
  await upload(page, file, as);
  const alert = page.locator('.error[role=alert]').first();
  await alert.waitFor({ state: 'visible' });
  const message = (await alert.innerText()).trim();
  assert.match(message, pattern, `unclear message: ${message}`);
  assert.doesNotMatch(message, /panicked|stack backtrace|sqlx|SQLITE|at src\//i, `leaks internals: ${message}`);
  // The page with the error is as accessible as the others.
  const { serious } = await axeAudit(page);
  assert.equal(serious.length, 0, formatViolations('assets with an upload error', serious));
  await open(page, server, '/assets');
  assert.deepEqual(await documents(page), before, 'the documents list changed after a refused upload');
  assert.doesNotMatch(await page.locator('main').innerText(), new RegExp(path.basename(file).replace('.', '\\.')));
  return message;
}

step('a good resume PDF first: it is listed', async () => {
  const { page, server } = env;
  await open(page, server, '/assets');
  await upload(page, RESUME_PDF, 'resume');
  await open(page, server, '/assets');
  assert.equal((await documents(page)).filter((t) => t.includes('pm-resume.pdf')).length, 1);
});

step('upload a saved posting page (HTML) with #posting-upload on /target: listed with its requirements', async () => {
  const { page, server } = env;
  await open(page, server, '/target');
  const file = path.join(REPO, 'crates/import/tests/fixtures/postings/director-product-fintech.html');
  const form = page.locator('#posting-upload');
  await form.locator('input[type="file"][name="file"]').setInputFiles(file);
  await form.locator('button[type="submit"]').click();
  await page.waitForLoadState('load');
  assert.equal(await page.locator('.error[role=alert]').count(), 0, 'uploading a posting showed an error');
  await open(page, server, '/target');
  const item = page.locator('#postings [data-document]').first();
  await item.waitFor({ state: 'visible' });
  assert.match(await item.innerText(), /Director of Product/);
  assert.match(await item.innerText(), /\b\d+ requirement/);
});

step('a corrupt (truncated) PDF: a clear error, nothing stored', async () => {
  const file = path.join(tempDir(), 'resume-truncated.pdf');
  const { copyFileSync } = await import('node:fs');
  copyFileSync(CORRUPT_PDF, file);
  const message = await badUpload(file, 'resume', /pdf|corrupt|truncated|broken|damaged|read/i);
  console.log(`corrupt PDF: ${message}`);
});

step('a file over the 20 MB limit: a clear error naming the limit, nothing stored', async () => {
  const file = path.join(tempDir(), 'huge-resume.pdf');
  const fd = openSync(file, 'w');
  writeSync(fd, '%PDF-1.5\n');
  ftruncateSync(fd, 21 * 1024 * 1024);
  closeSync(fd);
  const message = await badUpload(file, 'resume', /20\s?MB|too large|limit/i);
  console.log(`21 MB file: ${message}`);
});

endsWithCleanShutdown(env);
