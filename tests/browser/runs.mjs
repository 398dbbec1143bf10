// runs.mjs - the Run console's run control in headless Chromium with JavaScript on, at 1440x900
// and 390x844: the trace tree grows live while the run works (no reload), Pause holds the run
// (state paused, Resume offered), a message typed into the paused run shows in the log and the
// trace, Resume runs it to the end, and the finished trace has both task spans with their LLM
// calls and durations. Screenshots in tests/browser/out/runs-*.png.
//   BASE=... AG_USER=... AG_PASSWORD=... PROJECT=<id> node tests/browser/runs.mjs
// (tests/browser/runs.sh sets up the fake LLM, the provider and the project.)
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const { BASE, AG_USER: USER, AG_PASSWORD: PASSWORD, PROJECT } = process.env;
if (!BASE || !USER || !PASSWORD || !PROJECT) {
  console.error('usage: BASE=... AG_USER=... AG_PASSWORD=... PROJECT=... node runs.mjs');
  process.exit(2);
}
const OUT = process.env.OUT || join(dirname(fileURLToPath(import.meta.url)), 'out');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SIZES = [['desktop', 1440, 900], ['mobile', 390, 844]];

let failures = 0;
const ok = (tag, msg) => console.log(`ok   [${tag}] ${msg}`);
const fail = (tag, msg) => { failures++; console.log(`FAIL [${tag}] ${msg}`); };
const check = (tag, cond, msg) => { if (cond) ok(tag, msg); else fail(tag, msg); return cond; };
const shot = (page, tag, n, name) =>
  page.screenshot({ path: join(OUT, `runs-${tag}-${String(n).padStart(2, '0')}-${name}.png`), fullPage: true });
async function noOverflow(page, tag, what) {
  const [sw, iw] = await page.evaluate(() => [document.scrollingElement.scrollWidth, window.innerWidth]);
  check(tag, sw <= iw, `${what}: no horizontal overflow (${sw} <= ${iw})`);
}
const state = (page) => page.evaluate(() => document.querySelector('[data-run-state]').textContent.trim());
const waitState = (page, want, timeout = 15000) =>
  page.waitForFunction((w) => document.querySelector('[data-run-state]')?.textContent.trim() === w, want, { timeout });

async function session(tag, width, height) {
  const profile = mkdtempSync(join(tmpdir(), 'agentgen-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width, height }, baseURL: BASE,
  });
  const page = ctx.pages()[0] || await ctx.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  page.setDefaultTimeout(15000);
  let n = 0;
  try {
    await page.goto(`/login?next=/projects/${PROJECT}`);
    await page.fill('#name', USER);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(/\/projects\/\d+$/), page.click('form[action="/login"] button[type=submit]')]);
    await Promise.all([page.waitForURL(/\/runs\/\d+$/), page.click('button[data-run]')]);
    const runUrl = page.url();

    // the trace follows the run without a reload
    await page.evaluate(() => { window.__noReload = 1; });
    await page.waitForFunction(() => document.querySelectorAll('.trace-tree .tr-span').length >= 1, null, { timeout: 10000 });
    check(tag, await page.evaluate(() => window.__noReload === 1), 'trace: the first task span appears live, no reload');
    check(tag, await page.locator('.trace-tree .tr-dur.tr-open').count() >= 1, 'trace: the running span says running');
    await shot(page, tag, n++, 'live-trace');

    // Pause: the run holds, the console says paused and offers Resume
    await Promise.all([page.waitForURL(runUrl), page.click('button[data-pause]')]);
    await waitState(page, 'paused');
    ok(tag, 'pause: the run shows as paused');
    check(tag, await page.locator('button[data-resume]').isVisible(), 'pause: Resume is offered');
    const before = await page.locator('.event-log .ev').count();
    await page.waitForTimeout(1200);
    check(tag, await page.locator('.event-log .ev').count() === before && await state(page) === 'paused', 'pause: no new events while paused');

    // a message into the paused run
    await page.fill('#inject-content', 'Please keep it short <b>and</b> plain.');
    await Promise.all([page.waitForURL(runUrl), page.click('form.run-inject button[type=submit]')]);
    await noOverflow(page, tag, 'paused console');
    await shot(page, tag, n++, 'paused');

    await Promise.all([page.waitForURL(runUrl), page.click('button[data-resume]')]);
    await waitState(page, 'done', 20000);
    await page.waitForLoadState();
    ok(tag, 'resume: the run finishes');
    const userRows = page.locator('.event-log .ev:has(.badge:text("from user"))');
    check(tag, await userRows.count() === 1 && (await userRows.first().locator('.ev-text').textContent()) === 'Please keep it short <b>and</b> plain.',
      'message: logged as sent, as text');
    check(tag, await page.locator('.event-log b').count() === 0, 'message: markup is not rendered');
    const spans = await page.locator('.trace-tree .tr-span').count();
    const llm = await page.locator('.trace-tree .tr-call.tr-llm').count();
    const durs = await page.locator('.trace-tree .tr-dur').allTextContents();
    check(tag, spans === 2 && llm === 2, `trace: 2 task spans with their LLM calls (${spans}, ${llm})`);
    check(tag, durs.length >= 5 && durs.every((d) => /^[0-9.]+ m?s$/.test(d)), `trace: every node has a duration (${durs.join(', ')})`);
    check(tag, await page.locator('.trace-tree .tr-call.tr-user').count() === 1, 'trace: the message shows where the agent took it');
    await noOverflow(page, tag, 'finished console');
    await shot(page, tag, n++, 'finished');
  } catch (e) {
    fail(tag, `stopped at ${page.url()}: ${e.message.split('\n')[0]}`);
    await shot(page, tag, 99, 'error').catch(() => null);
  }
  check(tag, errors.length === 0, `no console errors${errors.length ? ':\n  ' + errors.join('\n  ') : ''}`);
  await ctx.close();
  rmSync(profile, { recursive: true, force: true });
}

mkdirSync(OUT, { recursive: true });
for (const [tag, w, h] of SIZES) await session(tag, w, h);
console.log(failures ? `browser runs: ${failures} check(s) failed` : 'browser runs: all checks passed');
process.exit(failures ? 1 : 0);
