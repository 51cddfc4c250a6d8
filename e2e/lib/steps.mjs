// What a pivoter does on the workbench's pages, written against the agreed page conventions
// (element ids, form field names, button labels). Each step waits for what a person would see.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES, REPO } from './harness.mjs';

export const NAV_LINKS = ['Dashboard', 'Target', 'Assets & map', 'Proof', 'Narrative', 'Checklist', 'This week', 'History'];

export const TARGET = {
  role: 'product-management',
  level: 'director',
  domain: 'Fintech: lending and payments',
  companies: 'Kestrel Credit, Quillpay, Northwind Pay',
  intended: 'A product leader who grew a lending book eightfold and builds senior product teams.',
};

export const POSTINGS = [
  { name: 'Director of Product, Lending — Kestrel Credit', file: 'director-product-lending.txt' },
  { name: 'Head of Product, Merchant Payments — Quillpay', file: 'head-of-product-payments.txt' },
].map((p) => ({ ...p, text: readFileSync(path.join(FIXTURES, p.file), 'utf8') }));

export const RESUME_PDF = path.join(REPO, 'crates/import/tests/fixtures/pdf/pm-resume.pdf');
export const LINKEDIN_DIR = path.join(REPO, 'crates/import/tests/fixtures/linkedin/Basic_LinkedInDataExport');
export const CORRUPT_PDF = path.join(REPO, 'tests/fixtures/bad/truncated.pdf');

/** The narrative the journey types: 129 words, one task-language sentence. */
export const NARRATIVE = readFileSync(path.join(FIXTURES, 'narrative.txt'), 'utf8').trim();
export const TASK_SENTENCE = 'I was responsible for the partnership with our payment processor.';
export const OUTCOME_SENTENCE =
  'I renegotiated the partnership with our payment processor, cutting processing costs 14% in a year.';

/** Absolute URL of a path on the server. */
export const at = (server, p) => server.url + p;

/** Goes to a page and checks it answered 200 with HTML. */
export async function open(page, server, p) {
  const res = await page.goto(at(server, p));
  assert.ok(res, `no response for ${p}`);
  assert.equal(res.status(), 200, `GET ${p} answered ${res.status()}`);
  assert.match(res.headers()['content-type'] ?? '', /text\/html/, `GET ${p} is not HTML`);
  return res;
}

/** Sets the target on /target with #target-form. */
export async function setTarget(page, server, target = TARGET) {
  await open(page, server, '/target');
  const form = page.locator('#target-form');
  await form.locator('select[name="role"]').selectOption(target.role);
  await form.locator('select[name="level"]').selectOption(target.level);
  await form.locator('[name="domain"]').fill(target.domain);
  await form.locator('[name="companies"]').fill(target.companies);
  await form.locator('[name="intended"]').fill(target.intended);
  await form.getByRole('button', { name: 'Save target' }).click();
  // Saved: the form shows the saved values again after a reload.
  await page.waitForLoadState('load');
}

/** Pastes a posting into #posting-form. */
export async function addPosting(page, server, posting) {
  if (!page.url().endsWith('/target')) await open(page, server, '/target');
  const form = page.locator('#posting-form');
  await form.locator('input[name="name"]').fill(posting.name);
  await form.locator('textarea[name="text"]').fill(posting.text);
  await form.getByRole('button', { name: 'Add posting' }).click();
  await page.getByText(posting.name, { exact: false }).first().waitFor();
}

/** Uploads a file with #upload-form on /assets (`as`: auto, resume or posting). */
export async function upload(page, file, as = 'auto') {
  const form = page.locator('#upload-form');
  await form.locator('input[type="file"][name="file"]').setInputFiles(file);
  await form.locator('select[name="as"]').selectOption(as);
  await form.getByRole('button', { name: 'Upload' }).click();
  await page.waitForLoadState('load');
}

/** Creates a narrative with #new-narrative on /narratives; returns its editor path. */
export async function createNarrative(page, server, { title, kind = 'narrative' }) {
  await open(page, server, '/narratives');
  const form = page.locator('#new-narrative');
  await form.locator('[name="title"]').fill(title);
  await form.locator('select[name="kind"]').selectOption(kind);
  await Promise.all([
    page.waitForURL(/\/narratives\/[^/?#]+$/),
    form.locator('button[type="submit"], input[type="submit"]').first().click(),
  ]);
  await page.locator('#narrative-body').waitFor();
  return new URL(page.url()).pathname;
}

/**
 * Replaces the editor's text the way a person does: click into it, select all, type. Every
 * key sends keydown/keypress/input/keyup, so the live lint sees real typing.
 */
export async function typeInto(page, text, { delay = 0 } = {}) {
  const body = page.locator('#narrative-body');
  await body.click();
  await body.press('ControlOrMeta+a');
  await body.press('Delete');
  await body.pressSequentially(text, { delay });
}

/** The current score as a number, once #score-value shows one. */
export async function scoreValue(page) {
  const el = page.locator('#score-value');
  await el.waitFor();
  const text = (await el.textContent()).trim();
  const m = text.match(/\d+/);
  assert.ok(m, `#score-value shows no number: ${JSON.stringify(text)}`);
  const n = Number(m[0]);
  assert.ok(n >= 0 && n <= 100, `#score-value out of 0–100: ${n}`);
  return n;
}

/**
 * Waits until the page's htmx traffic has settled: no request in flight and nothing swapped
 * for `quietMs` (the counters come from an init script installed by newPage()).
 */
export async function settle(page, quietMs = 400) {
  await page.waitForFunction(
    (quiet) => {
      const s = window.__e2e;
      return !!s && s.inflight <= 0 && performance.now() - s.last > quiet;
    },
    quietMs,
    { polling: 50 },
  );
}
