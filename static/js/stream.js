// stream.js - live Test surface and Run console. The pages work without it (forms post and
// redirect; a running turn refreshes itself); with it, an EventSource on the element's
// data-stream URL appends tokens, tool cards and log rows as events arrive, Stop posts through
// fetch, and the finished page is fetched again once run.done arrives. Reconnects rely on
// EventSource's Last-Event-ID. Every server string goes in as textContent, never as HTML.

const csrf = () => (document.querySelector('input[name=_csrf]') || {}).value || '';

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

function pretty(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  return JSON.stringify(v, null, 2);
}

// A tool card like the server's (details > summary + Arguments/Result).
function toolCard(ev) {
  const d = el('details', 'tool-card running');
  d.open = true;
  d.dataset.call = ev.callId || '';
  const s = el('summary');
  s.append(el('span', 'tool-icon', '⚙'), ' ', el('code', null, ev.tool), ' ', el('span', 'muted', 'running…'));
  s.firstChild.setAttribute('aria-hidden', 'true');
  const io = el('div', 'tool-io');
  io.append(el('h3', null, 'Arguments'), el('pre', null, pretty(ev.args) || '{}'));
  d.append(s, io);
  return d;
}

// The inspector's usage while a turn runs: the server rendered the totals so far (data-*), each
// run.event that reports an LLM call's usage adds to them, and elapsed ticks on. After run.done
// the page is fetched again and shows the stored totals.
function usage(root, es) {
  const box = root.querySelector('[data-usage]');
  if (!box) return;
  const num = (k) => Number(box.dataset[k]) || 0;
  const u = { in: num('tokensIn'), out: num('tokensOut'), cost: num('cost'), ms: num('elapsedMs') };
  const t0 = performance.now();
  const set = (sel, text) => { const e = box.querySelector(sel); if (e) e.textContent = text; };
  const ms = (x) => (x < 1000 ? `${Math.round(x)} ms` : `${(x / 1000).toFixed(1)} s`);
  const show = () => {
    set('[data-usage-tokens]', String(u.in + u.out));
    set('[data-usage-in]', String(u.in));
    set('[data-usage-out]', String(u.out));
    set('[data-usage-cost]', `$${u.cost.toFixed(4)}`);
  };
  const tick = box.hasAttribute('data-ticking')
    ? setInterval(() => set('[data-usage-elapsed]', ms(u.ms + performance.now() - t0)), 200) : 0;
  es.addEventListener('run.event', (m) => {
    const ev = JSON.parse(m.data).event || {};
    if (!ev.tokensIn && !ev.tokensOut) return;
    u.in += ev.tokensIn || 0;
    u.out += ev.tokensOut || 0;
    u.cost += ev.cost || 0;
    show();
    box.dataset.updates = String(Number(box.dataset.updates || 0) + 1);
  });
  es.addEventListener('run.done', () => clearInterval(tick));
}

// A tool call finished: the inspector's "Recent tool calls" gets it on top (as the server lists it).
function recentTool(root, tool, result) {
  const sec = root.querySelector('[aria-labelledby=tools-h]');
  if (!sec) return;
  let list = sec.querySelector('.recent-tools');
  if (!list) {
    list = el('ul', 'recent-tools');
    const none = sec.querySelector('.hint');
    if (none) none.replaceWith(list); else sec.append(list);
  }
  const li = el('li');
  li.append(el('code', null, tool || ''), ' ', el('span', 'muted clip', pretty(result)));
  list.prepend(li);
  while (list.children.length > 5) list.lastElementChild.remove();
}

function chat(root, es) {
  const thread = root.querySelector('[data-thread]');
  const live = root.querySelector('[data-live]');
  const text = root.querySelector('[data-live-text]');
  const note = root.querySelector('[data-live-note]');
  // the server rendered everything up to the stream's ?after=; calls still running have cards
  const state = root.querySelector('[data-run-state]');
  const cards = new Map([...root.querySelectorAll('.tool-card[data-call]')].map((c) => [c.dataset.call, c]));
  es.addEventListener('run.event', (m) => {
    const ev = JSON.parse(m.data).event || {};
    if (state && state.textContent.trim() === 'queued') {
      state.textContent = 'running';
      state.className = 'badge st-running';
    }
    if (ev.kind === 'token' && text) {
      text.textContent += ev.text || '';
      if (note) note.textContent = 'streaming…';
      thread.scrollTop = thread.scrollHeight;
    } else if (ev.kind === 'tool.invoke') {
      const card = toolCard(ev);
      cards.set(ev.callId, card);
      thread.insertBefore(card, live);
    } else if (ev.kind === 'tool.result' || (ev.kind === 'error' && ev.tool)) {
      const card = cards.get(ev.callId);
      if (card) {
        card.classList.remove('running');
        if (ev.kind === 'error') card.classList.add('err');
        card.querySelector('summary .muted').textContent = ev.kind === 'error' ? 'refused' : 'tool call';
        card.querySelector('.tool-io').append(el('h3', null, 'Result'), el('pre', null, pretty(ev.result || ev.text)));
      }
      if (ev.kind === 'tool.result') recentTool(root, ev.tool, ev.result);
    } else if (ev.kind === 'tool.approval') {
      reloadSoon(es); // the server renders the Approve / Deny forms
    } else if (ev.kind === 'error' && note) {
      note.textContent = ev.text || 'error';
    }
  });
}

function runConsole(root, es) {
  const log = root.querySelector('[data-event-log]');
  const empty = root.querySelector('[data-log-empty]');
  const seen = new Set([...log.querySelectorAll('[data-seq]')].map((x) => x.dataset.seq));
  let t0 = 0;
  es.addEventListener('run.event', (m) => {
    const ev = JSON.parse(m.data).event || {};
    t0 = t0 || ev.ts;
    if (ev.kind === 'token' || seen.has(m.lastEventId)) return;
    root.dispatchEvent(new CustomEvent('run:event', { detail: ev })); // runctl.js: the trace
    seen.add(m.lastEventId);
    const group = ev.kind === 'thought' ? 'thoughts' : ev.kind && ev.kind.startsWith('tool.') ? 'tools' : ev.kind === 'message' ? 'messages' : 'other';
    const li = el('li', `ev ev-${group}`);
    li.dataset.group = group;
    li.dataset.seq = m.lastEventId;
    li.append(el('span', 'ev-stamp', ev.ts && t0 ? `+${((ev.ts - t0) / 1000).toFixed(2)}s` : ''), ' ', el('span', 'ev-kind', ev.kind));
    if (ev.from) li.append(' ', el('span', 'badge', `from ${ev.from}`));
    if (ev.agent) li.append(' ', el('code', 'ev-agent', ev.agent));
    if (ev.tool) li.append(' ', el('code', 'ev-tool', ev.tool));
    if (ev.tokens) li.append(' ', el('span', 'muted', `${ev.tokens} tokens`));
    if (ev.text) li.append(el('div', 'ev-text', ev.text));
    if (ev.args || ev.result) {
      const d = el('details', 'ev-detail');
      d.append(el('summary', null, 'Arguments and result'));
      if (ev.args) d.append(el('pre', null, pretty(ev.args)));
      if (ev.result) d.append(el('pre', null, pretty(ev.result)));
      li.append(d);
    }
    log.append(li);
    if (empty) empty.hidden = true;
    if (ev.kind === 'status' && ev.agent) {
      const badge = root.querySelector(`[data-agent="${CSS.escape(ev.agent)}"] [data-agent-status]`);
      if (badge && ev.text) badge.textContent = ev.text;
    }
    if (ev.kind === 'tool.approval') reloadSoon(es);
  });
  // Pause/Resume: the server renders the state badge and the Pause or Resume form. The stream
  // replays the run from its start, so only a pause or resume newer than this page reloads it.
  const last = Number(root.dataset.lastSeq || 0);
  const fresh = (m) => { if (Number(m.lastEventId) > last) reloadSoon(es); };
  es.addEventListener('run.paused', fresh);
  es.addEventListener('run.resumed', fresh);
}

// Event-log filters without a round trip (the links still work without JS).
function filters() {
  const log = document.querySelector('[data-event-log]');
  if (!log) return;
  document.addEventListener('click', (e) => {
    const a = e.target.closest('a[data-filter-link]');
    if (!a || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    log.dataset.filter = a.dataset.filterLink;
    document.querySelectorAll('a[data-filter-link]').forEach((x) => x.toggleAttribute('aria-current', x === a));
    document.querySelectorAll('a[data-filter-link][aria-current]').forEach((x) => x.setAttribute('aria-current', 'true'));
    history.replaceState(null, '', a.href);
  });
}

// The finished page replaces this one (same URL) once the run ends.
let reloading = false;
function reloadSoon(es) {
  if (reloading) return;
  reloading = true;
  es.close();
  setTimeout(() => window.location.replace(window.location.href), 150);
}

// Stop: POST the JSON API with the page's CSRF token; the stream then ends with run.done.
function stopButtons(root) {
  const url = root.dataset.chatStop || (root.querySelector('form[data-stop-api]') || {}).dataset?.stopApi;
  if (!url) return;
  for (const btn of root.querySelectorAll('[data-stop]')) {
    btn.addEventListener('click', async (e) => {
      e.preventDefault();
      btn.disabled = true;
      btn.textContent = 'Stopping…';
      try {
        const res = await fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'X-CSRF-Token': csrf() } });
        if (!res.ok && res.status !== 409) throw new Error(String(res.status));
      } catch {
        (btn.form || document.getElementById(btn.getAttribute('form'))).submit(); // fall back to the form
      }
    });
  }
}

export function initStream() {
  filters();
  // rail search: filter agents as you type (the form still searches server-side on Enter)
  const q = document.querySelector('[data-rail-search]');
  if (q) {
    q.addEventListener('input', () => {
      const needle = q.value.trim().toLowerCase();
      document.querySelectorAll('[data-rail-project]').forEach((p) => {
        const inProject = p.querySelector('.rail-project').textContent.toLowerCase().includes(needle);
        let any = false;
        p.querySelectorAll('[data-rail-agent]').forEach((a) => {
          const hit = !needle || inProject || a.textContent.toLowerCase().includes(needle);
          a.hidden = !hit;
          any = any || hit;
        });
        p.hidden = !any;
      });
    });
  }
  // permission mode: a change posts the form at once
  document.querySelectorAll('form[data-autosubmit]').forEach((f) => {
    f.addEventListener('change', () => f.requestSubmit());
  });
  const root = document.querySelector('[data-stream]');
  if (!root || !window.EventSource) return;
  const es = new EventSource(root.dataset.stream);
  if (root.querySelector('[data-event-log]')) runConsole(root, es); else { chat(root, es); usage(root, es); }
  es.addEventListener('run.done', () => reloadSoon(es));
  stopButtons(root);
}
