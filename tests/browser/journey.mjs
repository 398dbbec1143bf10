// journey.mjs - issue 4 acceptance 2: the main journey in headless Chromium with JavaScript on,
// at 1440x900 and 390x844, with a screenshot of every step in tests/browser/out/.
//   BASE=http://127.0.0.1:PORT AG_USER=name AG_PASSWORD=pw node tests/browser/journey.mjs
// Asserts: no console errors, no horizontal overflow, nothing covering the sticky action bar or
// the bottom rail, the primary button reachable with Tab, live diagnostics without a reload,
// preview without navigation, the zip download, the ⌘K palette. Uses Debian's /usr/bin/chromium
// (never downloads a browser). Exit status 0 when every check passed.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BASE = process.env.BASE;
const USER = process.env.AG_USER;
const PASSWORD = process.env.AG_PASSWORD;
if (!BASE || !USER || !PASSWORD) {
  console.error('usage: BASE=... AG_USER=... AG_PASSWORD=... node journey.mjs');
  process.exit(2);
}
const OUT = process.env.OUT || join(dirname(fileURLToPath(import.meta.url)), 'out');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SIZES = [['desktop', 1440, 900], ['mobile', 390, 844]];
const MOD = 'Control'; // app.js and palette.js take Ctrl as well as ⌘

let failures = 0;
const fail = (tag, msg) => { failures++; console.log(`FAIL [${tag}] ${msg}`); };
const ok = (tag, msg) => console.log(`ok   [${tag}] ${msg}`);
function check(tag, cond, msg) { if (cond) ok(tag, msg); else fail(tag, msg); return cond; }

// ---- page-level checks ----

async function noOverflow(page, tag, what) {
  const [sw, iw] = await page.evaluate(() => [document.scrollingElement.scrollWidth, window.innerWidth]);
  check(tag, sw <= iw, `${what}: no horizontal overflow (scrollWidth ${sw} <= ${iw})`);
}

// The sticky action bar and the bottom rail must not overlap each other, and what they hold
// must be on top at its centre (nothing drawn over it). At the end of the page, the last
// content must not hide behind them.
async function noOverlap(page, tag, what) {
  const problems = await page.evaluate(() => {
    const out = [];
    const box = (el) => el.getBoundingClientRect();
    const visible = (el) => { const b = box(el); return b.width > 0 && b.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
    const inter = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const bars = [...document.querySelectorAll('.actions.sticky, .rail')].filter(visible);
    for (let i = 0; i < bars.length; i++) {
      for (let j = i + 1; j < bars.length; j++) {
        if (bars[i].contains(bars[j]) || bars[j].contains(bars[i])) continue;
        if (inter(box(bars[i]), box(bars[j]))) out.push(`${bars[i].className} overlaps ${bars[j].className}`);
      }
    }
    for (const el of document.querySelectorAll('.actions.sticky a, .actions.sticky button, .rail a')) {
      if (!visible(el)) continue;
      const b = box(el);
      if (b.bottom <= 0 || b.top >= innerHeight || b.right <= 0 || b.left >= innerWidth) continue;
      const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
      if (hit && !el.contains(hit)) out.push(`"${el.textContent.trim()}" is covered by <${hit.tagName.toLowerCase()} class="${hit.className}">`);
    }
    return out;
  });
  check(tag, problems.length === 0, `${what}: sticky bar and rail clear${problems.length ? ': ' + problems.join('; ') : ''}`);
  // scrolled to the end: the last thing in <main> is above the bars
  const endProblems = await page.evaluate(async () => {
    window.scrollTo(0, document.scrollingElement.scrollHeight);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const main = document.querySelector('main');
    const kids = [...main.children].filter((el) => el.getBoundingClientRect().height > 0 && !el.matches('.actions.sticky, dialog'));
    const last = kids[kids.length - 1];
    const out = [];
    if (!last) return out;
    const lb = last.getBoundingClientRect();
    for (const bar of document.querySelectorAll('.actions.sticky, .rail')) {
      const b = bar.getBoundingClientRect();
      if (b.height === 0 || bar.contains(last)) continue;
      const horiz = b.left < lb.right && lb.left < b.right;
      if (horiz && lb.bottom > b.top + 1 && lb.top < b.bottom) out.push(`last content (${last.tagName.toLowerCase()}.${last.className}) ends at ${Math.round(lb.bottom)} under ${bar.className} at ${Math.round(b.top)}`);
    }
    window.scrollTo(0, 0);
    return out;
  });
  check(tag, endProblems.length === 0, `${what}: end of the page not hidden${endProblems.length ? ': ' + endProblems.join('; ') : ''}`);
}

// Tab through the whole page: every visible, enabled control gets focus (a radio group counts
// once, as browsers tab to one radio per group), and the primary button is among them.
async function keyboard(page, tag, what, primarySel) {
  await page.evaluate(() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); });
  await page.evaluate(() => {
    window.__seen = new Set();
    window.__onFocus = (e) => window.__seen.add(e.target);
    document.addEventListener('focusin', window.__onFocus);
  });
  const total = await page.evaluate(() => document.querySelectorAll('a[href], button, input, select, textarea, summary').length);
  for (let i = 0; i < total + 10; i++) await page.keyboard.press('Tab');
  const res = await page.evaluate((sel) => {
    document.removeEventListener('focusin', window.__onFocus);
    const seen = window.__seen;
    const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const missed = [];
    const groups = new Set();
    for (const el of document.querySelectorAll('a[href], button, input, select, textarea, summary')) {
      if (el.disabled || el.type === 'hidden' || !visible(el) || el.closest('dialog:not([open])')) continue;
      if (el.type === 'radio') {
        const key = el.form ? el.form.id + '|' + el.name : el.name;
        if (groups.has(key)) continue;
        const all = [...document.querySelectorAll(`input[type=radio][name="${el.name}"]`)];
        if (all.some((x) => seen.has(x))) { groups.add(key); continue; }
      } else if (seen.has(el)) continue;
      missed.push(`${el.tagName.toLowerCase()}${el.name ? '[name=' + el.name + ']' : ''} "${(el.textContent || el.value || '').trim().slice(0, 30)}"`);
    }
    const primary = document.querySelector(sel);
    return { missed, primary: !!primary && seen.has(primary), n: seen.size };
  }, primarySel);
  check(tag, res.primary, `${what}: Tab reaches the primary button (${primarySel})`);
  check(tag, res.missed.length === 0, `${what}: every control reachable by Tab (${res.n} focused)${res.missed.length ? '; missed: ' + res.missed.slice(0, 6).join(', ') : ''}`);
  await page.evaluate(() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); });
}

// The whole page, and for long pages also the first screen as a person sees it (a full-page
// capture draws sticky bars where the first screen ends).
async function shot(page, tag, n, name, full = true) {
  const base = join(OUT, `${tag}-${String(n).padStart(2, '0')}-${name}`);
  await page.screenshot({ path: `${base}.png`, fullPage: full });
  if (full && await page.evaluate(() => document.scrollingElement.scrollHeight > innerHeight + 40)) {
    await page.screenshot({ path: `${base}-screen.png` });
  }
}

async function step(page, tag, n, name, { primary, overlap = true, keys = true } = {}) {
  await noOverflow(page, tag, name);
  if (overlap) await noOverlap(page, tag, name);
  if (keys && primary) await keyboard(page, tag, name, primary);
  await shot(page, tag, n, name);
}

// A marker on window survives in-page updates but not a navigation.
const mark = (page) => page.evaluate(() => { window.__noReload = 1; });
const stillSamePage = (page) => page.evaluate(() => window.__noReload === 1);

async function csrfOf(page) {
  return page.locator('input[name=_csrf]').first().getAttribute('value');
}

// Reads the number of entries from a zip's end-of-central-directory record.
function zipEntries(buf) {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) return buf.readUInt16LE(i + 10);
  }
  return -1;
}

// ---- the journey ----

async function journey(tag, width, height) {
  const profile = mkdtempSync(join(tmpdir(), 'agentgen-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width, height },
    acceptDownloads: true, baseURL: BASE,
  });
  const page = ctx.pages()[0] || await ctx.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on('dialog', async (d) => { errors.push(`unexpected dialog: ${d.message()}`); await d.dismiss(); });
  page.setDefaultTimeout(10000);
  let n = 0;
  try {
    // sign in
    await page.goto('/login?next=/generate');
    await shot(page, tag, n++, 'login');
    await page.fill('#name', USER);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(/\/generate/), page.click('form[action="/login"] button[type=submit]')]);
    check(tag, page.url().includes('/generate'), 'signed in, landed on /generate');

    // 1 describe: a starting-point card, then type
    await page.waitForSelector('button.example');
    const cards = await page.locator('button.example').count();
    check(tag, cards >= 3, `describe: ${cards} starting-point cards`);
    await page.locator('button.example').first().click();
    const filled = await page.inputValue('#idea');
    check(tag, filled.length > 20, 'describe: a starting point fills the idea');
    await page.locator('#idea').press('End');
    await page.locator('#idea').pressSequentially(' Mention <b>bold</b> & "quotes" 日本語.');
    const counter = await page.textContent('#idea-count');
    check(tag, /^\d+ \/ 2000$/.test(counter.trim()), `describe: counter shows "${counter.trim()}"`);
    await page.fill('#name', `Journey ${tag}`);
    await step(page, tag, n++, 'describe', { primary: 'main form button.primary' });
    await Promise.all([page.waitForURL(/\/generate\/framework\?d=/), page.click('main form button.primary')]);
    const draft = new URL(page.url()).searchParams.get('d');

    // 2 framework: Strands + ReAct shows the err row live, without a reload
    await mark(page);
    await page.locator('label.card.pick:has(input[name=framework][value=strands])').click();
    await page.locator('label.card.pick:has(input[name=pattern][value=react])').click();
    await page.waitForSelector('[data-diag-rows] tr.sev-err', { timeout: 5000 }).catch(() => null);
    const errRows = await page.locator('[data-diag-rows] tr.sev-err').count();
    check(tag, errRows > 0 && await stillSamePage(page), `framework: Strands + ReAct shows ${errRows} err row(s) live, no reload`);
    check(tag, (await page.textContent('#diag-h')).includes('blocking'), 'framework: heading badge says blocking');
    check(tag, await page.locator('label.card.pick.picked:has(input[value=strands])').count() === 1, 'framework: the chosen card is marked');
    check(tag, (await page.textContent('.why h3')).trim() === 'Why Strands', `framework: the Why box follows the pick (${(await page.textContent('.why h3')).trim()})`);
    await step(page, tag, n++, 'framework-incompatible', { primary: 'main form[data-live-diag] button.primary' });
    await Promise.all([page.waitForURL(/\/generate\/tools\?d=/), page.click('main form[data-live-diag] button.primary')]);
    await Promise.all([page.waitForURL(/\/generate\/review\?d=/), page.click('main form button.primary')]);
    const gen = page.locator('form.actions.sticky button.primary');
    check(tag, await gen.isDisabled(), 'review: Generate is disabled with an err row');
    check(tag, await page.locator('[data-diag-rows] tr.sev-err').count() > 0, 'review: the err row is shown');
    await step(page, tag, n++, 'review-blocked', { keys: false });

    // Resolve -> framework; fix it (LangGraph + Supervisor, Azure)
    await Promise.all([page.waitForURL(/\/generate\/framework\?d=/), page.locator('[data-diag-rows] tr.sev-err a', { hasText: 'Resolve' }).first().click()]);
    await mark(page);
    await page.locator('label.chip:has(input[name=hyperscaler][value=azure])').click().catch(() => null);
    await page.locator('label.card.pick:has(input[name=framework][value=langgraph])').click();
    await page.locator('label.card.pick:has(input[name=pattern][value=supervisor])').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-diag-rows] tr.sev-err').length === 0, null, { timeout: 5000 }).catch(() => null);
    check(tag, await page.locator('[data-diag-rows] tr.sev-err').count() === 0 && await stillSamePage(page), 'framework: fixing the choice clears the err rows live');
    // philosophy filter: instant, no reload; the picked LangGraph is an "Industrial" one
    const fwCards = 'label.card.pick[data-philosophy]';
    const visibleCards = () => page.locator(`${fwCards}:visible`).count();
    check(tag, await visibleCards() === 8, 'framework: 8 framework cards without a filter');
    await page.locator('label.chip:has(input[name=philosophy][value=graph])').click();
    await page.waitForFunction(() => [...document.querySelectorAll('label.card.pick[data-philosophy]')].filter((c) => !c.hidden).length === 3, null, { timeout: 5000 }).catch(() => null);
    check(tag, await visibleCards() === 3 && await stillSamePage(page), 'framework: "Industrial" narrows to 3 cards without a reload');
    check(tag, new URL(page.url()).searchParams.get('philosophy') === 'graph', 'framework: the filter is in the URL');
    check(tag, await page.locator('input[name=framework][value=langgraph]').isChecked(), 'framework: LangGraph stays picked');
    await step(page, tag, n++, 'framework-filtered', { primary: 'main form[data-live-diag] button.primary' });
    await page.locator('label.chip:has(input[name=philosophy][value=""])').click();
    check(tag, await visibleCards() === 8, 'framework: "All frameworks" shows the 8 again');
    await step(page, tag, n++, 'framework-fixed', { primary: 'main form[data-live-diag] button.primary' });
    await Promise.all([page.waitForURL(/\/generate\/tools\?d=/), page.click('main form[data-live-diag] button.primary')]);

    // 3 tools
    for (const id of ['web_search', 'file_writer']) {
      const card = page.locator(`label.card.pick:has(input[name=tool][value=${id}])`);
      if (await card.count()) await card.click();
    }
    check(tag, await page.locator('label.card.pick.picked').count() >= 1, 'tools: picked cards are marked');
    await step(page, tag, n++, 'tools', { primary: 'main form button.primary' });
    // agents: rename the first, add one (a form post; the tool choice is saved first)
    await Promise.all([page.waitForURL(/\/generate\/review\?d=/), page.click('main form button.primary')]);
    await page.goto(`/generate/tools?d=${draft}`);
    const nAgents = await page.locator('input[name=agent_name]').count();
    check(tag, nAgents >= 1 && nAgents <= 6, `tools: ${nAgents} planned agent(s) listed`);
    await page.fill('input[name=agent_name] >> nth=0', 'Lead Analyst');
    await page.fill('input[name=agent_role] >> nth=0', 'Lead <analyst>');
    await page.fill('input[name=new_name]', 'fact_checker');
    await page.fill('input[name=new_role]', 'Fact checker');
    await Promise.all([page.waitForURL(/\/generate\/tools\?d=/), page.click('.agent-add button[name=add]')]);
    const agentNames = await page.locator('input[name=agent_name]').evaluateAll((els) => els.map((e) => e.value));
    check(tag, agentNames[0] === 'lead_analyst' && agentNames[agentNames.length - 1] === 'fact_checker' && agentNames.length === nAgents + 1,
      `tools: agents edited and kept after the post (${agentNames.join(', ')})`);
    await page.locator('#agents').scrollIntoViewIfNeeded();
    await step(page, tag, n++, 'tools-agents', { primary: 'main form button.primary' });
    await Promise.all([page.waitForURL(/\/generate\/review\?d=/), page.click('main form.wizard button.primary')]);
    check(tag, await page.locator('ul.agents code', { hasText: 'lead_analyst' }).count() === 1 &&
      await page.locator('ul.agents code', { hasText: 'fact_checker' }).count() === 1, 'review: the edited agents are the plan\'s');

    // 4 review: flow SVG, file tree, preview without navigation
    check(tag, await page.locator('figure.flow svg').isVisible(), 'review: flow SVG visible');
    const svgBox = await page.locator('figure.flow svg').boundingBox();
    check(tag, svgBox && svgBox.x >= 0 && svgBox.x + svgBox.width <= width, `review: flow SVG fits the width (${svgBox && Math.round(svgBox.width)} px)`);
    const files = await page.locator('.tree a[data-preview]').count();
    check(tag, files > 3, `review: file tree with ${files} files`);
    check(tag, await page.locator('form.actions.sticky button.primary').isEnabled(), 'review: Generate enabled');
    await mark(page);
    const before = await page.textContent('#preview-code');
    const target = page.locator('.tree a[data-preview]:not(.sel)').nth(1);
    const targetPath = await target.getAttribute('data-preview');
    await target.click();
    await page.waitForFunction((p) => document.querySelector('.preview-head code').textContent === p, targetPath, { timeout: 5000 }).catch(() => null);
    const after = await page.textContent('#preview-code');
    check(tag, await stillSamePage(page) && after !== before && (await page.textContent('.preview-head code')) === targetPath,
      `review: clicking ${targetPath} changes the preview without navigation`);
    check(tag, await page.locator('.tree a.sel').count() === 1, 'review: one file selected in the tree');
    await step(page, tag, n++, 'review', { primary: 'form.actions.sticky button.primary' });

    // generate -> project page
    await Promise.all([page.waitForURL(/\/projects\/\d+/), page.click('form.actions.sticky button.primary')]);
    const projectUrl = page.url();
    check(tag, (await page.textContent('h1')).includes(`Journey ${tag}`), 'project page shows the name');
    await mark(page);
    const pfile = page.locator('.tree a[data-src]:not(.sel)').first();
    const ppath = await pfile.getAttribute('data-preview');
    await pfile.click();
    await page.waitForFunction((p) => document.querySelector('.preview-head code').textContent === p, ppath, { timeout: 5000 }).catch(() => null);
    check(tag, await stillSamePage(page) && (await page.textContent('.preview-head code')) === ppath, 'project: preview changes without navigation');
    await step(page, tag, n++, 'project', { primary: 'a.button.primary[download]' });
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('a.button.primary[download]')]);
    const zipPath = join(OUT, `${tag}-project.zip`);
    await dl.saveAs(zipPath);
    const zip = readFileSync(zipPath);
    const entries = zipEntries(zip);
    const treeFiles = await page.locator('.tree a[data-preview]').count();
    check(tag, zip.readUInt32LE(0) === 0x04034b50 && entries === treeFiles,
      `download: ${dl.suggestedFilename()} is a zip of ${entries} files (tree shows ${treeFiles})`);
    rmSync(zipPath);

    // projects list, history
    await page.goto('/projects');
    check(tag, await page.locator(`a[href="${new URL(projectUrl).pathname}"]`).count() >= 1, 'projects: the new project is listed');
    await step(page, tag, n++, 'projects', { primary: 'a.button.primary' });
    await page.goto('/history');
    check(tag, await page.locator('tbody tr').count() >= 1, 'history: has entries');
    await step(page, tag, n++, 'history', { primary: 'form.filters button' });

    // ⌘K palette opens and navigates
    await page.keyboard.press(`${MOD}+k`);
    const dialog = page.locator('dialog.palette[open]');
    check(tag, await dialog.isVisible(), 'palette: opens with Ctrl/⌘+K');
    await page.keyboard.type('Journey');
    const found = await page.waitForFunction(() => [...document.querySelectorAll('dialog.palette a')].some((a) => a.textContent.startsWith('Project: Journey')), null, { timeout: 5000 }).then(() => true, () => false);
    check(tag, found, 'palette: finds the project by name');
    await noOverflow(page, tag, 'palette');
    await shot(page, tag, n++, 'palette', false);
    await page.fill('dialog.palette input', 'projects');
    await page.waitForFunction(() => document.querySelector('dialog.palette a')?.textContent === 'Projects', null, { timeout: 5000 }).catch(() => null);
    await Promise.all([page.waitForURL(/\/projects$/), page.keyboard.press('Enter')]);
    check(tag, new URL(page.url()).pathname === '/projects', 'palette: Enter navigates to Projects');

    // ⌘↵ continues on describe (back to the draft)
    await page.goto(`/generate?d=${draft}`);
    await page.focus('#idea');
    await Promise.all([page.waitForURL(/\/generate\/framework/), page.keyboard.press(`${MOD}+Enter`)]);
    ok(tag, 'describe: Ctrl/⌘+Enter continues');

    // recent ideas: this person's earlier idea fills the textarea in place
    await page.goto('/generate');
    await mark(page);
    const recent = page.locator('a.recent-idea').first();
    check(tag, await page.locator('a.recent-idea').count() >= 1, 'describe: recent ideas listed');
    const recentText = (await recent.textContent()).trim();
    await recent.click();
    check(tag, (await page.inputValue('#idea')).trim() === recentText && await stillSamePage(page), 'describe: a recent idea fills the idea without navigation');
    await step(page, tag, n++, 'describe-recent', { primary: 'main form button.primary' });

    // hostile idea: markup and 1,900 characters without spaces, through the wizard
    await page.goto('/generate');
    const hostile = '<script>alert(1)</script> "q" \'s\' 日本語 🚀 ' + 'x'.repeat(1900);
    await page.fill('#idea', hostile);
    await Promise.all([page.waitForURL(/\/generate\/framework/), page.click('main form button.primary')]);
    await page.locator('label.card.pick:has(input[name=framework][value=langgraph])').click();
    await Promise.all([page.waitForURL(/\/generate\/tools/), page.click('main form[data-live-diag] button.primary')]);
    await Promise.all([page.waitForURL(/\/generate\/review/), page.click('main form button.primary')]);
    check(tag, (await page.textContent('.idea-quote')).startsWith('<script>alert(1)</script>'), 'hostile: the idea shows as text on review');
    await step(page, tag, n++, 'hostile-review', { keys: false });
    // 10 kB without spaces through the API, then the pages that show it
    const csrf = await csrfOf(page);
    const long = '<script>alert(2)</script>' + 'y'.repeat(10000);
    const res = await page.request.post('/api/projects', {
      data: { idea: long, framework: 'langgraph', name: 'z'.repeat(120) },
      headers: { 'X-CSRF-Token': csrf, Origin: BASE },
    });
    check(tag, res.status() === 201 || res.status() === 200, `hostile: 10 kB idea via the API -> ${res.status()}`);
    const pid = res.ok() ? (await res.json()).id : null;
    if (pid) {
      await page.goto(`/projects/${pid}`);
      await step(page, tag, n++, 'hostile-project', { keys: false });
      await page.goto('/projects');
      await step(page, tag, n++, 'hostile-projects', { keys: false, overlap: false });
      await page.goto('/history');
      await step(page, tag, n++, 'hostile-history', { keys: false, overlap: false });
    }
  } catch (e) {
    fail(tag, `journey stopped at ${page.url()}: ${e.message.split('\n')[0]}`);
    await shot(page, tag, 99, 'error').catch(() => null);
  }
  check(tag, errors.length === 0, `no console errors${errors.length ? ':\n  ' + errors.join('\n  ') : ''}`);
  await ctx.close();
  rmSync(profile, { recursive: true, force: true });
}

// Dark theme once: the review page and the project list at desktop size.
async function dark() {
  const tag = 'dark';
  const profile = mkdtempSync(join(tmpdir(), 'agentgen-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 1440, height: 900 },
    colorScheme: 'dark', baseURL: BASE,
  });
  const page = ctx.pages()[0] || await ctx.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  try {
    await page.goto('/login?next=/projects');
    await page.fill('#name', USER);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(/\/projects/), page.click('form[action="/login"] button[type=submit]')]);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    check(tag, bg !== 'rgb(255, 255, 255)', `dark theme applies (body ${bg})`);
    await shot(page, tag, 0, 'projects');
    await page.click('table.list tbody a');
    await shot(page, tag, 1, 'project');
    await page.goto('/generate');
    await page.locator('button.example').first().click();
    await Promise.all([page.waitForURL(/\/generate\/framework/), page.click('main form button.primary')]);
    await page.locator('label.card.pick:has(input[name=framework][value=strands])').click();
    await page.locator('label.card.pick:has(input[name=pattern][value=react])').click();
    await page.waitForSelector('[data-diag-rows] tr.sev-err', { timeout: 5000 }).catch(() => null);
    await shot(page, tag, 2, 'framework');
    await Promise.all([page.waitForURL(/\/generate\/tools/), page.click('main form[data-live-diag] button.primary')]);
    await Promise.all([page.waitForURL(/\/generate\/review/), page.click('main form button.primary')]);
    await shot(page, tag, 3, 'review');
  } catch (e) {
    fail(tag, `stopped at ${page.url()}: ${e.message.split('\n')[0]}`);
  }
  check(tag, errors.length === 0, `no console errors${errors.length ? ': ' + errors.join('; ') : ''}`);
  await ctx.close();
  rmSync(profile, { recursive: true, force: true });
}

mkdirSync(OUT, { recursive: true });
for (const [tag, w, h] of SIZES) await journey(tag, w, h);
await dark();
console.log(failures ? `browser journey: ${failures} check(s) failed` : 'browser journey: all checks passed');
process.exit(failures ? 1 : 0);
