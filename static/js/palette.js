// ⌘K / Ctrl+K command palette: jump to any page or project by typing.
const PAGES = [
  ['Generate a project', '/generate'], ['Projects', '/projects'], ['History', '/history'],
  ['Account and API keys', '/account'], ['About', '/about'], ['Home', '/'],
  ['Users (admin)', '/admin/users'], ['Audit log (admin)', '/admin/audit'],
];

export function initPalette() {
  let dialog = null;
  document.addEventListener('keydown', (e) => {
    if ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === 'k') {
      e.preventDefault();
      dialog = dialog || build();
      dialog.showModal();
      dialog.querySelector('input').value = '';
      render(dialog, '');
      dialog.querySelector('input').focus();
    }
  });
}

function build() {
  const d = document.createElement('dialog');
  d.className = 'palette';
  d.setAttribute('aria-label', 'Go to');
  const input = document.createElement('input');
  input.type = 'search';
  input.placeholder = 'Go to a page or project…';
  input.setAttribute('aria-label', 'Go to');
  const list = document.createElement('ul');
  list.setAttribute('role', 'listbox');
  d.append(input, list);
  let timer = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => render(d, input.value), 120);
  });
  input.addEventListener('keydown', (e) => {
    const items = [...list.querySelectorAll('a')];
    const cur = items.indexOf(document.activeElement);
    if (e.key === 'ArrowDown' && items.length) { e.preventDefault(); items[0].focus(); }
    if (e.key === 'Enter' && items.length) { e.preventDefault(); items[Math.max(cur, 0)].click(); }
  });
  list.addEventListener('keydown', (e) => {
    const items = [...list.querySelectorAll('a')];
    const cur = items.indexOf(document.activeElement);
    if (e.key === 'ArrowDown') { e.preventDefault(); (items[cur + 1] || items[0]).focus(); }
    if (e.key === 'ArrowUp') { e.preventDefault(); (cur > 0 ? items[cur - 1] : input).focus(); }
  });
  document.body.append(d);
  return d;
}

async function render(d, q) {
  const list = d.querySelector('ul');
  const needle = q.trim().toLowerCase();
  const entries = PAGES.filter(([label]) => label.toLowerCase().includes(needle));
  if (needle) {
    try {
      const res = await fetch('/api/projects?limit=8&q=' + encodeURIComponent(needle), { credentials: 'same-origin' });
      if (res.ok) {
        for (const p of (await res.json()).items) entries.push(['Project: ' + p.name, '/projects/' + p.id]);
      }
    } catch { /* offline: pages only */ }
  }
  list.replaceChildren(...entries.slice(0, 12).map(([label, href]) => {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = href;
    a.textContent = label;
    li.append(a);
    return li;
  }));
}
