// chat.mjs - issue 6 acceptance 3 in headless Chromium with JavaScript on, at 1440x900 and
// 390x844: on the Test surface a chat turn streams live and shows a tool card with its
// arguments and result; Stop cancels a streaming turn; the Run console streams its log and
// filters it without a reload; "Load from file…" turns a spec into a project and a session; the
// ⌘P agent picker switches agents; the inspector's tokens and elapsed time move while a reply
// streams. Screenshots in tests/browser/out/chat-*.png.
//   BASE=... AG_USER=... AG_PASSWORD=... PROJECT=<id> node tests/browser/chat.mjs
// (tests/browser/chat.sh sets up the fake LLM, the provider and the project.)
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const { BASE, AG_USER: USER, AG_PASSWORD: PASSWORD, PROJECT } = process.env;
if (!BASE || !USER || !PASSWORD || !PROJECT) {
  console.error('usage: BASE=... AG_USER=... AG_PASSWORD=... PROJECT=... node chat.mjs');
  process.exit(2);
}
// the spec "Load from file…" uploads (hostile strings must show as text)
const SPEC = {
  spec_version: 1, name: 'Loaded', slug: 'loaded', description: 'Loaded from a file', framework: 'crewai',
  hyperscaler: null, model: 'gpt-5.1', pattern: 'supervisor', memory: false, permission: 'safe', tools: [],
  agents: [{ id: 'analyst', role: 'Analyst <i>', goal: 'Analyse', backstory: 'Sharp.', model: null, tools: [] },
    { id: 'reviewer', role: 'Reviewer', goal: 'Review', backstory: 'Careful.', model: null, tools: [] }],
  tasks: [{ id: 'analysis', description: 'Analyse it', expected_output: 'Notes', agent: 'analyst', depends_on: [] },
    { id: 'review', description: 'Review it', expected_output: 'Verdict', agent: 'reviewer', depends_on: ['analysis'] }],
};
const OUT = process.env.OUT || join(dirname(fileURLToPath(import.meta.url)), 'out');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SIZES = [['desktop', 1440, 900], ['mobile', 390, 844]];

let failures = 0;
const ok = (tag, msg) => console.log(`ok   [${tag}] ${msg}`);
const fail = (tag, msg) => { failures++; console.log(`FAIL [${tag}] ${msg}`); };
const check = (tag, cond, msg) => { if (cond) ok(tag, msg); else fail(tag, msg); return cond; };

async function shot(page, tag, n, name) {
  await page.screenshot({ path: join(OUT, `chat-${tag}-${String(n).padStart(2, '0')}-${name}.png`) });
}
async function noOverflow(page, tag, what) {
  const [sw, iw] = await page.evaluate(() => [document.scrollingElement.scrollWidth, window.innerWidth]);
  check(tag, sw <= iw, `${what}: no horizontal overflow (${sw} <= ${iw})`);
}
// The composer (and its Send / Stop buttons) is visible and not covered by the bottom rail.
async function composerClear(page, tag, what) {
  const problems = await page.evaluate(() => {
    const out = [];
    for (const b of document.querySelectorAll('form.composer button, form.composer textarea')) {
      const r = b.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.bottom > innerHeight || r.top < 0) { out.push(`${b.textContent.trim() || b.tagName} off screen (${Math.round(r.top)}..${Math.round(r.bottom)})`); continue; }
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (hit && !b.contains(hit)) out.push(`${b.textContent.trim() || b.tagName} covered by ${hit.tagName.toLowerCase()}.${hit.className}`);
    }
    return out;
  });
  check(tag, problems.length === 0, `${what}: composer visible and clear${problems.length ? ': ' + problems.join('; ') : ''}`);
}
const mark = (page) => page.evaluate(() => { window.__noReload = 1; });
const samePage = (page) => page.evaluate(() => window.__noReload === 1);

async function session(tag, width, height) {
  const profile = mkdtempSync(join(tmpdir(), 'agentgen-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width, height }, baseURL: BASE,
  });
  const page = ctx.pages()[0] || await ctx.newPage();
  const errors = [];
  // the bad spec file's page answers 422 on purpose (the form's error): that one is expected
  page.on('console', (m) => {
    if (m.type() === 'error' && !(page.url().endsWith('/test/load') && m.text().includes('status of 422'))) errors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  page.setDefaultTimeout(15000);
  let n = 0;
  try {
    await page.goto(`/login?next=/test`);
    await page.fill('#name', USER);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(/\/test$/), page.click('form[action="/login"] button[type=submit]')]);
    check(tag, await page.locator('[data-no-provider]').count() === 0, 'test page: a provider is configured (no notice)');

    // Load from file…: a bad file shows the form's error; a spec opens a session on a new project
    await Promise.all([page.waitForURL(/\/test\/load$/), page.setInputFiles('#spec-file', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"name": ') })]);
    check(tag, (await page.locator('#load-err').textContent()).includes('not valid JSON'), 'load from file: invalid JSON is refused with a message');
    const alert = page.locator('.test-main [role=alert]');
    check(tag, await alert.isVisible() && await alert.evaluate((x) => x.getBoundingClientRect().bottom <= innerHeight), 'load from file: the error shows at the top of the page');
    await noOverflow(page, tag, 'load error');
    await shot(page, tag, n++, 'load-error');
    const name = `Loaded ${tag} ${process.pid} <b>spec</b>`;
    const loaded = JSON.stringify({ ...SPEC, name, slug: `loaded_${tag}` });
    await Promise.all([page.waitForURL(/\/test\/\d+$/), page.setInputFiles('#spec-file', { name: 'spec.json', mimeType: 'application/json', buffer: Buffer.from(loaded) })]);
    check(tag, (await page.locator('#test-h').textContent()) === 'Analyst <i>', 'load from file: a session with the spec\'s first agent opens');
    check(tag, await page.locator(`.rail-project a:text-is("${name}")`).count() === 1, 'load from file: the project is in the rail (name as text)');
    await noOverflow(page, tag, 'loaded session');
    await composerClear(page, tag, 'loaded session');
    await shot(page, tag, n++, 'loaded');

    // the rail search narrows agents as you type
    await page.fill('[data-rail-search]', 'note writer');
    const ours = page.locator(`[data-rail-project]:has(a[href="/projects/${PROJECT}"])`);
    check(tag, await ours.locator('[data-rail-agent]:not([hidden])').count() === 1 &&
      await ours.locator('[data-rail-agent]:not([hidden]) a[href$="agent=writer"]').count() === 1, 'rail search: only the writer is left for "note writer"');
    // ⌘P / Ctrl+P: the agent picker lists the rail's agents; typing filters, Enter switches
    check(tag, await page.locator('[data-agent-picker]').isVisible(), 'agent picker: the Switch agent button shows');
    await page.keyboard.press('Control+p');
    const picker = page.locator('dialog[data-palette="Pick an agent"][open]');
    check(tag, await picker.isVisible(), 'agent picker: opens with Ctrl/⌘+P');
    check(tag, await picker.locator('a').count() >= 4, 'agent picker: lists the agents of every project');
    await page.keyboard.type('writer browser');
    const want = `/test?project=${PROJECT}&agent=writer`;
    const hrefs = await page.waitForFunction(() => {
      const a = [...document.querySelectorAll('dialog[data-palette="Pick an agent"] a')].map((x) => x.getAttribute('href'));
      return a.length && a.every((h) => h.endsWith('agent=writer')) && a;
    }, null, { timeout: 5000 }).then((h) => h.jsonValue());
    check(tag, hrefs.includes(want), `agent picker: "writer browser" leaves only writers (${hrefs.length})`);
    await noOverflow(page, tag, 'agent picker');
    await shot(page, tag, n++, 'agent-picker');
    for (let i = 0; i <= hrefs.indexOf(want); i++) await page.keyboard.press('ArrowDown');
    await Promise.all([page.waitForURL(new RegExp(`project=${PROJECT}&agent=writer$`)), page.keyboard.press('Enter')]);
    ok(tag, 'agent picker: arrows and Enter switch to the Browser chat writer');
    await noOverflow(page, tag, 'new session');
    await shot(page, tag, n++, 'new-session');

    // a chat turn with a tool call: Dev mode, the tool model, ⌘/Ctrl+Enter sends
    await page.locator('label:has(input[name=permission][value=dev])').click();
    await page.selectOption('#model', `b-tool-${tag}`);
    await page.fill('#text', 'Write my notes to a file, please.');
    await Promise.all([page.waitForURL(/\/test\/\d+$/), page.locator('#text').press('Control+Enter')]);
    const sessionUrl = page.url();
    // live: the running card appears without a reload, then the finished page
    const live = await page.waitForSelector('.tool-card', { timeout: 10000 }).then(() => true, () => false);
    check(tag, live, 'chat: a tool card appears');
    if (await page.locator('.tool-card.running').count()) await shot(page, tag, n++, 'tool-running');
    // finished: the live message is gone (stream.js fetched the page again after run.done)
    await page.waitForFunction(() => !document.querySelector('[data-live]') && [...document.querySelectorAll('.msg-assistant .msg-text')].some((x) => x.textContent.startsWith('tool said:')), null, { timeout: 15000 });
    await page.waitForLoadState();
    ok(tag, 'chat: the reply that used the tool result arrives');
    const card = page.locator('details.tool-card').first();
    await card.locator('summary').click();
    const argsText = await card.locator('pre').first().textContent();
    check(tag, argsText.includes(`notes/${tag}.md`) && argsText.includes('<b>not bold</b>'), 'tool card: arguments shown as text');
    check(tag, (await card.locator('pre').nth(1).textContent()).includes('"bytes"'), 'tool card: result shown');
    check(tag, await page.locator('.tool-card b').count() === 0, 'tool card: markup in arguments is not rendered');
    await noOverflow(page, tag, 'chat with tool card');
    await composerClear(page, tag, 'chat with tool card');
    await shot(page, tag, n++, 'tool-card');

    // Stop: a slow turn streams tokens live (no reload), Stop ends it within seconds
    await page.selectOption('#model', `b-slow-${tag}`);
    await page.fill('#text', 'Take your time.');
    await Promise.all([page.waitForURL(sessionUrl), page.click('form.composer button.primary')]);
    await page.waitForSelector('[data-live-text]');
    await mark(page);
    // what the server rendered (data-*; the script only changes the text)
    const tokens0 = await page.locator('[data-usage]').evaluate((x) => Number(x.dataset.tokensIn) + Number(x.dataset.tokensOut));
    await page.waitForFunction(() => (document.querySelector('[data-live-text]') || {}).textContent?.length > 30, null, { timeout: 10000 });
    check(tag, await samePage(page), 'stop: tokens stream in without a reload');
    // the inspector while it streams: the tool call's usage arrived, the elapsed time ticks
    await page.waitForSelector('[data-usage][data-updates]', { timeout: 5000 }).catch(() => null);
    const tokens1 = await page.locator('[data-usage-tokens]').textContent();
    check(tag, Number(tokens1) > Number(tokens0) && await page.locator('[data-usage][data-updates]').count() === 1, `inspector: tokens went from ${tokens0} to ${tokens1} while streaming`);
    check(tag, /^\$\d+\.\d{4}$/.test(await page.locator('[data-usage-cost]').textContent()), 'inspector: cost shown as dollars');
    const el0 = await page.locator('[data-usage-elapsed]').textContent();
    await page.waitForTimeout(700);
    const el1 = await page.locator('[data-usage-elapsed]').textContent();
    check(tag, el0 !== el1 && await samePage(page), `inspector: elapsed ticks (${el0} -> ${el1})`);
    check(tag, await page.locator('.cursor').isVisible(), 'stop: the streaming cursor shows');
    await composerClear(page, tag, 'streaming');
    await shot(page, tag, n++, 'streaming');
    const t0 = Date.now();
    await page.click('button[data-stop]');
    await page.waitForSelector('.msg.ended .badge.st-cancelled', { timeout: 8000 });
    await page.waitForLoadState();
    const ms = Date.now() - t0;
    check(tag, ms < 4000, `stop: the turn shows as stopped after ${ms} ms`);
    check(tag, await page.locator('form.composer button.primary').isEnabled(), 'stop: Send is enabled again');
    check(tag, await page.locator('[data-usage][data-ticking]').count() === 0 && Number(await page.locator('[data-usage-tokens]').textContent()) >= Number(tokens1), 'inspector: after the turn, the stored totals and no ticking');
    await noOverflow(page, tag, 'stopped');
    await shot(page, tag, n++, 'stopped');

    // the permission control posts on change (JS) and sticks
    await Promise.all([page.waitForURL(sessionUrl), page.locator('.perm-form label:has(input[value=ask])').click()]);
    await page.waitForLoadState();
    check(tag, await page.locator('.perm-form input[value=ask]').isChecked(), 'permission: Ask sticks after a change');

    // Run console: Run on the project page, live log, instant filters
    await page.goto(`/projects/${PROJECT}`);
    await Promise.all([page.waitForURL(/\/runs\/\d+$/), page.click('button[data-run]')]);
    await page.waitForFunction(() => document.querySelector('[data-run-state]').textContent.trim() === 'done', null, { timeout: 15000 });
    ok(tag, 'run console: the run finishes and the page shows it');
    check(tag, await page.locator('.event-log .ev').count() >= 4, 'run console: events in the log');
    await mark(page);
    await page.click('a[data-filter-link=messages]');
    const visible = await page.evaluate(() => [...document.querySelectorAll('.event-log .ev')].filter((x) => x.getClientRects().length).map((x) => x.dataset.group));
    check(tag, visible.length === 2 && visible.every((g) => g === 'messages') && await samePage(page), `run console: Messages filter shows ${visible.length} rows, no reload`);
    await noOverflow(page, tag, 'run console');
    await shot(page, tag, n++, 'run-console');
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
console.log(failures ? `browser chat: ${failures} check(s) failed` : 'browser chat: all checks passed');
process.exit(failures ? 1 : 0);
