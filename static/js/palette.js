// palette.js - keyboard palettes, one module for both: ⌘K / Ctrl+K goes to any page or project;
// ⌘P / Ctrl+P on the Test surface picks the agent to chat with (from the rail the page already
// rendered). Each is a <dialog> with a search field and a list of links: type to filter, arrows
// to move, Enter to follow. Every label goes in as textContent.
const PAGES = [
  ['Generate a project', '/generate'], ['Projects', '/projects'], ['Test agents', '/test'],
  ['History', '/history'], ['Account and API keys', '/account'], ['About', '/about'], ['Home', '/'],
  ['Users (admin)', '/admin/users'], ['Audit log (admin)', '/admin/audit'],
];

// Pages and, when something is typed, the projects whose name matches.
async function goTo(needle) {
  const entries = PAGES.filter(([label]) => label.toLowerCase().includes(needle)).map(([label, href]) => ({ label, href }));
  if (needle) {
    try {
      const res = await fetch('/api/projects?limit=8&q=' + encodeURIComponent(needle), { credentials: 'same-origin' });
      if (res.ok) {
        for (const p of (await res.json()).items) entries.push({ label: 'Project: ' + p.name, href: '/projects/' + p.id });
      }
    } catch { /* offline: pages only */ }
  }
  return entries;
}

// The agents of the rail: role, project and id; the current one first marked.
function railAgents(needle) {
  const out = [];
  for (const a of document.querySelectorAll('.test-rail a.rail-agent')) {
    const project = a.closest('[data-rail-project]').querySelector('.rail-project').textContent.trim();
    const role = a.querySelector('.rail-agent-role').textContent.trim();
    const id = a.querySelector('code').textContent.trim();
    const hay = `${role} ${id} ${project}`.toLowerCase();
    if (needle && !needle.split(/\s+/).every((w) => hay.includes(w))) continue;
    out.push({ label: role || id, hint: `${id} · ${project}`, href: a.getAttribute('href'), current: a.classList.contains('sel') });
  }
  return out;
}

// makePalette returns open(): builds the dialog on first use, then shows it with an empty search.
function makePalette(name, placeholder, source) {
  let d = null;
  let seq = 0;
  async function render(q) {
    const mine = ++seq;
    const entries = await source(q.trim().toLowerCase());
    if (mine !== seq) return; // a later keystroke already rendered
    const list = d.querySelector('ul');
    list.replaceChildren(...entries.slice(0, 30).map((x) => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = x.href;
      a.textContent = x.label;
      if (x.hint) {
        const h = document.createElement('span');
        h.className = 'palette-hint';
        h.textContent = x.hint;
        a.append(' ', h);
      }
      if (x.current) a.setAttribute('aria-current', 'true');
      li.append(a);
      return li;
    }));
    if (!entries.length) {
      const li = document.createElement('li');
      li.className = 'palette-empty';
      li.textContent = 'Nothing matches.';
      list.append(li);
    }
  }
  function build() {
    d = document.createElement('dialog');
    d.className = 'palette';
    d.dataset.palette = name;
    d.setAttribute('aria-label', name);
    const input = document.createElement('input');
    input.type = 'search';
    input.placeholder = placeholder;
    input.setAttribute('aria-label', name);
    const list = document.createElement('ul');
    d.append(input, list);
    let timer = 0;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => render(input.value), 80);
    });
    d.addEventListener('keydown', (e) => {
      const items = [...list.querySelectorAll('a')];
      const cur = items.indexOf(document.activeElement);
      if (e.key === 'ArrowDown' && items.length) { e.preventDefault(); (items[cur + 1] || items[0]).focus(); }
      if (e.key === 'ArrowUp' && items.length) { e.preventDefault(); (cur > 0 ? items[cur - 1] : input).focus(); }
      if (e.key === 'Enter' && e.target === input && items.length) { e.preventDefault(); items[0].click(); }
    });
    d.addEventListener('click', (e) => { if (e.target === d) d.close(); }); // a click on the backdrop
    document.body.append(d);
  }
  return async function open() { // shown at once: typing goes to the search field
    if (!d) build();
    for (const other of document.querySelectorAll('dialog.palette[open]')) other.close();
    const input = d.querySelector('input');
    input.value = '';
    d.showModal();
    input.focus();
    await render('');
  };
}

export function initPalette() {
  const goto = makePalette('Go to', 'Go to a page or project…', goTo);
  const agents = document.querySelector('.test-rail') ? makePalette('Pick an agent', 'Pick an agent…', railAgents) : null;
  document.addEventListener('keydown', (e) => {
    if (!(e.metaKey || e.ctrlKey) || e.altKey || e.shiftKey) return;
    const k = e.key.toLowerCase();
    if (k === 'k') { e.preventDefault(); goto(); }
    if (k === 'p' && agents) { e.preventDefault(); agents(); } // on the Test surface only, else print
  });
  for (const b of document.querySelectorAll('[data-agent-picker]')) {
    if (agents) { b.hidden = false; b.addEventListener('click', () => agents()); }
  }
}
