// A new pivoter's whole journey on an empty workspace, in a real browser: name the target,
// paste two postings and see the top signals, upload the resume PDF and the LinkedIn export,
// build the asset map, track a proof suggestion and finish it, write the narrative with live
// underlines and a score, save it twice, then history, checklist, this week and its .ics.
// Then an axe-core audit of every page and the screenshots in docs/screenshots/.
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  OUTPUT,
  axeAudit,
  checkIcs,
  formatViolations,
  newContext,
  newPage,
  screenshot,
  tempDir,
  zipFolder,
} from '../lib/harness.mjs';
import {
  LINKEDIN_DIR,
  NARRATIVE,
  NAV_LINKS,
  OUTCOME_SENTENCE,
  POSTINGS,
  RESUME_PDF,
  TARGET,
  TASK_SENTENCE,
  addPosting,
  at,
  createNarrative,
  open,
  scoreValue,
  setTarget,
  settle,
  typeInto,
  upload,
} from '../lib/steps.mjs';
import { assertNoPageProblems, endsWithCleanShutdown, steps, useWorkbench } from '../lib/suite.mjs';

const env = useWorkbench();
const step = steps();
const state = { scores: [] };

step('an empty workspace: the dashboard shows "Start here" to name the target, the nav and the ESCO credit', async () => {
  const { page, server } = env;
  await open(page, server, '/');
  const nav = page.getByRole('navigation').first();
  for (const name of NAV_LINKS) {
    await nav.getByRole('link', { name, exact: true }).waitFor({ state: 'visible' });
  }
  await page.getByText('Start here').first().waitFor({ state: 'visible' });
  // The call to action leads to the target page.
  const cta = page.locator('main a[href$="/target"]').first();
  await cta.waitFor({ state: 'visible' });
  await page.locator('footer').getByText(/ESCO/).first().waitFor();
  await Promise.all([page.waitForURL(/\/target$/), cta.click()]);
  await page.locator('#target-form').waitFor();
  assertNoPageProblems(page);
});

step('name the target: product management, director, domain, companies, intended summary — kept after a reload', async () => {
  const { page, server } = env;
  await setTarget(page, server);
  await open(page, server, '/target');
  const form = page.locator('#target-form');
  assert.equal(await form.locator('select[name="role"]').inputValue(), TARGET.role);
  assert.equal(await form.locator('select[name="level"]').inputValue(), TARGET.level);
  assert.equal(await form.locator('[name="domain"]').inputValue(), TARGET.domain);
  // Companies may come back one per line or comma-separated: compare the names.
  const companies = (await form.locator('[name="companies"]').inputValue()).split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
  assert.deepEqual(companies, TARGET.companies.split(',').map((s) => s.trim()));
  assert.equal(await form.locator('[name="intended"]').inputValue(), TARGET.intended);
  assertNoPageProblems(page);
});

step('paste two postings: both listed with the requirements recognised', async () => {
  const { page, server } = env;
  for (const posting of POSTINGS) await addPosting(page, server, posting);
  await open(page, server, '/target');
  const listed = page.locator('#postings [data-document]');
  assert.equal(await listed.count(), 2, 'two postings expected in #postings');
  for (const posting of POSTINGS) {
    const item = listed.filter({ hasText: posting.name });
    await item.first().waitFor({ state: 'visible' });
    assert.match(await item.first().innerText(), /\b7 requirement/, `requirements of ${posting.name}`);
  }
  assertNoPageProblems(page);
});

step.soft('the top signals show as soon as the postings are in (before any asset map)', async () => {
  const { page, server } = env;
  await open(page, server, '/target');
  const signals = page.locator('#top-signals li');
  await signals.first().waitFor({ state: 'visible', timeout: 3_000 });
  // Both postings ask for 8+ years of product management with people leadership: the top signal.
  assert.match(await signals.first().innerText(), /8\+ years (of|in) product management/i);
});

step('upload the resume PDF and the LinkedIn export zip: both listed as documents', async () => {
  const { page, server } = env;
  const zip = zipFolder(LINKEDIN_DIR, path.join(tempDir(), 'Basic_LinkedInDataExport_05-01-2025.zip'));
  await open(page, server, '/assets');
  await upload(page, RESUME_PDF, 'resume');
  await page.locator('.error[role=alert]').first().waitFor({ state: 'detached', timeout: 1_000 }).catch(() => {});
  assert.equal(await page.locator('.error[role=alert]').count(), 0, 'uploading the resume PDF showed an error');
  await page.locator('#documents [data-document]', { hasText: 'pm-resume.pdf' }).first().waitFor({ state: 'visible' });
  await upload(page, zip, 'auto');
  assert.equal(await page.locator('.error[role=alert]').count(), 0, 'uploading the LinkedIn zip showed an error');
  await page.locator('#documents [data-document]', { hasText: path.basename(zip) }).first().waitFor({ state: 'visible' });
  await open(page, server, '/assets');
  // Two documents: the resume and the LinkedIn export (postings were pasted on /target).
  const docs = page.locator('#documents [data-document]');
  const texts = await docs.allInnerTexts();
  assert.ok(texts.some((t) => t.includes('pm-resume.pdf')), texts.join('\n'));
  assert.ok(texts.some((t) => t.includes(path.basename(zip))), texts.join('\n'));
  assertNoPageProblems(page);
});

step('build the asset map: signals with coverage covered / partial / gap, proof suggestions on the gaps', async () => {
  const { page, server } = env;
  await open(page, server, '/assets');
  await page.locator('#build-map').click();
  const map = page.locator('#asset-map');
  await map.locator('[data-coverage]').first().waitFor({ state: 'visible', timeout: 30_000 });
  const coverage = await map.locator('[data-coverage]').evaluateAll((els) => els.map((e) => e.dataset.coverage));
  assert.ok(coverage.length >= 5, `only ${coverage.length} signals on the map`);
  for (const c of coverage) assert.ok(['covered', 'partial', 'gap'].includes(c), `unknown coverage "${c}"`);
  assert.ok(coverage.includes('covered'), `no covered signal for a resume that matches: ${coverage}`);
  assert.ok(coverage.includes('gap'), `no gap: ${coverage}`);
  // The map survives a reload (it is stored).
  await open(page, server, '/assets');
  assert.equal(await page.locator('#asset-map [data-coverage]').count(), coverage.length);
  // Each gap has proof suggestions to track.
  const gapIds = await page.locator('#asset-map [data-coverage="gap"]').evaluateAll((els) => els.map((e) => e.dataset.signal));
  for (const id of gapIds) {
    const buttons = page.locator(`#gaps [data-signal="${id}"]`).getByRole('button', { name: 'Track as proof project' });
    assert.ok((await buttons.count()) >= 1, `gap ${id} has no "Track as proof project" button`);
  }
  // Now the top signals show on the target page too.
  await open(page, server, '/target');
  await page.locator('#top-signals li').first().waitFor({ state: 'visible' });
  assert.match(await page.locator('#top-signals li').first().innerText(), /8\+ years (of|in) product management/i);
  state.coverage = coverage;
  assertNoPageProblems(page);
});

step('track a gap\'s proof suggestion as a project, then mark it done with its outcome', async () => {
  const { page, server } = env;
  await open(page, server, '/assets');
  const suggestion = page.locator('#gaps .proof-suggestion').first();
  const title = (await suggestion.locator('strong').first().innerText()).trim();
  await suggestion.getByRole('button', { name: 'Track as proof project' }).click();
  await page.waitForLoadState('load');
  await open(page, server, '/proof');
  const projects = page.locator('#proofs [data-proof]');
  assert.equal(await projects.count(), 1, 'one tracked project expected');
  const project = projects.first();
  assert.match(await project.innerText(), new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.equal(await project.getAttribute('data-status'), 'idea');
  state.proofTitle = title;
  // Edit it in #proof-form: done, finished, with the outcome.
  await project.getByRole('link', { name: /^Edit/ }).click();
  const form = page.locator('#proof-form');
  assert.equal(await form.locator('[name="title"]').inputValue(), title);
  await form.locator('select[name="status"]').selectOption('done');
  await form.locator('[name="started_on"]').fill('2025-04-07');
  await form.locator('[name="finished_on"]').fill('2025-05-01');
  await form.locator('[name="outcomes"]').fill('Published the decision memo; the leadership team adopted it and 3 teams use its template.');
  await form.locator('button[type="submit"]').click();
  await page.waitForLoadState('load');
  assert.equal(await page.locator('.error[role=alert], #conflict').count(), 0, 'saving the project showed an error');
  await open(page, server, '/proof');
  assert.equal(await page.locator('#proofs [data-proof]').first().getAttribute('data-status'), 'done');
  assert.match(await page.locator('#proofs [data-proof]').first().innerText(), /3 teams use its template/);
  assertNoPageProblems(page);
});

step('write the narrative: underlines appear as it is typed, with the ten-second scan and the score\'s parts; save', async () => {
  const { page, server } = env;
  state.editor = await createNarrative(page, server, { title: 'My pivot story', kind: 'narrative' });
  await typeInto(page, NARRATIVE);
  await page.locator('mark.finding[data-rule="Method.TaskLanguage"]').first().waitFor({ state: 'visible' });
  await settle(page);
  const marked = await page.locator('mark.finding[data-rule="Method.TaskLanguage"]').first().textContent();
  assert.match(marked, /responsible for/i);
  await page.locator('#scan').waitFor({ state: 'visible' });
  assert.ok((await page.locator('#scan').innerText()).trim().length > 20, '#scan is empty');
  const score = await scoreValue(page);
  assert.ok((await page.locator('#score-parts').innerText()).trim().length > 0, '#score-parts is empty');
  await page.locator('#save-narrative').click();
  await page.waitForLoadState('load');
  await settle(page);
  assert.equal(await page.locator('#conflict').count(), 0, 'a first save reported a conflict');
  await open(page, server, state.editor);
  assert.equal(await page.locator('#narrative-body').inputValue(), NARRATIVE, 'the saved text did not come back');
  state.scores.push(await scoreValue(page));
  assert.equal(state.scores[0], score, 'the stored score differs from the live one');
  assertNoPageProblems(page);
});

step('edit the narrative: the task-language underline goes, the score moves; save a second version', async () => {
  const { page, server } = env;
  await open(page, server, state.editor);
  const improved = NARRATIVE.replace(TASK_SENTENCE, OUTCOME_SENTENCE);
  assert.notEqual(improved, NARRATIVE);
  await typeInto(page, improved);
  await settle(page);
  await page.locator('mark.finding[data-rule="Method.TaskLanguage"]').first().waitFor({ state: 'detached' });
  const score = await scoreValue(page);
  await page.locator('#save-narrative').click();
  await page.waitForLoadState('load');
  await settle(page);
  assert.equal(await page.locator('#conflict').count(), 0, 'saving the second version reported a conflict');
  await open(page, server, state.editor);
  assert.equal(await page.locator('#narrative-body').inputValue(), improved);
  state.scores.push(score);
  assert.ok(score > state.scores[0], `an outcome instead of task language should raise the score: ${state.scores[0]} → ${score}`);
  assertNoPageProblems(page);
});

step('history: both versions with their scores, and the score chart', async () => {
  const { page, server } = env;
  await open(page, server, '/history');
  const history = page.locator('#history');
  await history.waitFor({ state: 'visible' });
  const story = history.locator('[data-narrative]', { hasText: 'My pivot story' });
  const rows = story.locator('[data-version]');
  assert.equal(await rows.count(), 2, 'two saved versions expected');
  for (const [i, s] of state.scores.entries()) {
    const row = story.locator(`[data-version="${i + 1}"]`);
    assert.match(await row.innerText(), new RegExp(`\\b${s}\\b`), `version ${i + 1} should show score ${s}`);
  }
  await page.locator('svg#score-chart').waitFor();
  assertNoPageProblems(page);
});

step('checklist: the items computed from the workspace, some met', async () => {
  const { page, server } = env;
  await open(page, server, '/checklist');
  const items = page.locator('#checklist [data-item][data-met]');
  await items.first().waitFor({ state: 'visible' });
  const met = await items.evaluateAll((els) => els.map((e) => [e.dataset.item, e.dataset.met]));
  assert.ok(met.length >= 4, `only ${met.length} checklist items`);
  for (const [, m] of met) assert.ok(['true', 'false'].includes(m), `data-met="${m}"`);
  assert.ok(met.some(([, m]) => m === 'true'), `nothing met after the whole journey: ${JSON.stringify(met)}`);
  assertNoPageProblems(page);
});

step('this week: the week\'s items and the .ics of the 60-minute block (parsed with Python icalendar)', async () => {
  const { page, server } = env;
  await open(page, server, '/week');
  const week = page.locator('#week');
  await week.waitFor({ state: 'visible' });
  const items = week.locator('[data-item]');
  assert.ok((await items.count()) >= 1, '#week lists no item');
  assert.ok((await items.first().innerText()).trim().length > 5, 'a week item says nothing');
  const ics = page.locator('a#ics');
  assert.equal(new URL(await ics.getAttribute('href'), server.url).pathname, '/week.ics');
  const res = await page.request.get(at(server, '/week.ics'));
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /^text\/calendar/);
  const [download] = await Promise.all([page.waitForEvent('download'), ics.click()]);
  assert.match(download.suggestedFilename(), /\.ics$/);
  const file = path.join(tempDir(), 'week.ics');
  await download.saveAs(file);
  const cal = checkIcs(file);
  const block = cal.events.find((e) => e.minutes === 60);
  assert.ok(block, JSON.stringify(cal));
  console.log(`week.ics: ${cal.events.length} event(s); the block: ${block.summary}, ${block.start}, ${block.minutes} min${block.rrule ? `, ${block.rrule}` : ''}`);
  // The block in the file is the one the page shows.
  const shown = await page.locator('#block-start').inputValue().catch(() => null);
  if (shown) assert.ok(block.start.startsWith(shown.slice(0, 16)), `the page shows ${shown}, the .ics starts ${block.start}`);
  assertNoPageProblems(page);
});

step('the dashboard after the journey: no "Start here", the state of the pivot', async () => {
  const { page, server } = env;
  await open(page, server, '/');
  assert.equal(await page.getByText('Start here').count(), 0, 'the dashboard still says "Start here"');
  const main = await page.locator('main').innerText();
  assert.match(main, /My pivot story/, 'the narrative is not on the dashboard');
  // The latest score: in the score chart's accessible name (the chart has no visible number).
  const chart = page.locator('main svg[role="img"]', { hasText: /score/i }).first();
  const label = `${await chart.getAttribute('aria-label')} ${await chart.locator('title').first().textContent()}`;
  assert.match(label, new RegExp(`latest ${state.scores.at(-1)}\\b`), `the dashboard's chart does not give the latest score: ${label}`);
  assert.match(main, /\d+ of \d+ met/, 'the checklist summary is not on the dashboard');
  assert.match(main, /\d+ signals the target asks for/, 'the map summary is not on the dashboard');
  assertNoPageProblems(page);
});

const PAGES = [
  ['dashboard', '/'],
  ['target', '/target'],
  ['assets', '/assets'],
  ['proof', '/proof'],
  ['narratives', '/narratives'],
  ['editor', null],
  ['checklist', '/checklist'],
  ['week', '/week'],
  ['history', '/history'],
];
const pathOf = (p) => p ?? state.editor;

step.soft('accessibility: axe-core finds no serious or critical violation on any page', async () => {
  const { page, server } = env;
  const report = [];
  const all = {};
  // Every page, plus a saved version's page.
  const audited = [...PAGES, ['version', `${state.editor}/versions/1`]];
  for (const [name, p] of audited) {
    await open(page, server, pathOf(p));
    await settle(page);
    const { all: found, serious } = await axeAudit(page);
    all[name] = found.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
    if (serious.length) report.push(formatViolations(`${name} (${pathOf(p)})`, serious));
  }
  mkdirSync(OUTPUT, { recursive: true });
  writeFileSync(path.join(OUTPUT, 'axe.json'), JSON.stringify(all, null, 1));
  const minor = Object.entries(all).flatMap(([n, vs]) =>
    vs.filter((v) => v.impact !== 'serious' && v.impact !== 'critical').map((v) => `${n}: [${v.impact}] ${v.id} (${v.nodes})`),
  );
  if (minor.length) console.log(`axe, moderate and minor:\n  ${minor.join('\n  ')}`);
  assert.equal(report.length, 0, `axe-core violations (serious or critical):\n${report.join('\n')}`);
});

step.soft('on a phone (390 px wide) no page scrolls sideways', async () => {
  const { browser, server } = env;
  const context = await newContext(browser, { viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true });
  const page = await newPage(context);
  const wide = [];
  for (const [name, p] of PAGES) {
    await open(page, server, pathOf(p));
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    if (w > 390) {
      // Name the innermost elements that stick out, to say what to fix.
      const culprits = await page.evaluate(() => {
        // How far an element reaches: its box, or its content when that overflows the box.
        const right = (el) => Math.max(el.getBoundingClientRect().right, el.getBoundingClientRect().left + el.scrollWidth);
        return [...document.querySelectorAll('body *')]
          .filter((el) => right(el) > 391)
          .filter((el) => ![...el.children].some((c) => right(c) > 391))
          // Content clipped by a scroll box that itself fits is fine.
          .filter((el) => {
            for (let a = el.parentElement; a; a = a.parentElement) {
              if (/auto|scroll|hidden|clip/.test(getComputedStyle(a).overflowX) && a.getBoundingClientRect().right <= 391) return false;
            }
            return true;
          })
          .slice(0, 4)
          .map((el) => `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ''}> ending at ${Math.round(right(el))} px`);
      });
      wide.push(`${name}: ${w} px wide; ${culprits.join('; ')}`);
    }
  }
  await context.close();
  assert.deepEqual(wide, [], `pages wider than the phone:\n${wide.join('\n')}`);
});

step.soft('screenshots of every page (1280 wide) and of the dashboard and the editor on a phone (390 wide)', async () => {
  const { browser, server } = env;
  const shots = [];
  for (const [width, suffix, pages] of [
    [1280, '', PAGES],
    [390, '-phone', PAGES.filter(([n]) => n === 'dashboard' || n === 'editor')],
  ]) {
    const context = await newContext(browser, { viewport: { width, height: 800 }, isMobile: width < 500, hasTouch: width < 500 });
    const page = await newPage(context);
    for (const [name, p] of pages) {
      await open(page, server, pathOf(p));
      await settle(page);
      shots.push(await screenshot(page, `${name}${suffix}`));
    }
    await context.close();
  }
  console.log(`screenshots:\n  ${shots.join('\n  ')}`);
}, { timeout: 120_000 });

endsWithCleanShutdown(env);
