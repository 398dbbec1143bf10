// agent-generator: progressive enhancement only. Every page works without these modules.
import { highlightAll } from './highlight.js';
import { initPalette } from './palette.js';
import { initWizard } from './wizard.js';

document.documentElement.classList.add('js');

// ⌘↵ / Ctrl+Enter submits the nearest form marked data-submit-shortcut.
document.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
    const form = (document.activeElement && document.activeElement.closest('form[data-submit-shortcut]')) ||
      document.querySelector('form[data-submit-shortcut]');
    if (form) {
      e.preventDefault();
      const primary = form.querySelector('button.primary:not([disabled])');
      if (primary) form.requestSubmit(primary);
    }
  }
});

// Copy buttons: data-copy names the element whose text is copied.
document.addEventListener('click', async (e) => {
  const btn = e.target.closest('button[data-copy]');
  if (!btn) return;
  const src = document.getElementById(btn.dataset.copy);
  if (!src) return;
  try {
    await navigator.clipboard.writeText(src.textContent);
    btn.textContent = 'Copied';
  } catch {
    btn.textContent = 'Copy failed';
  }
  setTimeout(() => { btn.textContent = 'Copy'; }, 1500);
});

// File tree: load a stored file into the preview without a page reload.
document.addEventListener('click', async (e) => {
  const a = e.target.closest('.tree a[data-preview]');
  if (!a || e.metaKey || e.ctrlKey || e.shiftKey) return;
  const code = document.getElementById('preview-code');
  if (!code) return;
  e.preventDefault();
  const text = await (a.dataset.src ? fileText(a.dataset.src) : previewFromPage(a.href));
  if (text === null) { window.location = a.href; return; }
  code.textContent = text;
  const path = a.dataset.preview;
  code.className = 'lang-' + langOf(path);
  document.querySelector('.preview-head code').textContent = path;
  document.querySelectorAll('.tree a.sel').forEach((x) => { x.classList.remove('sel'); x.removeAttribute('aria-current'); });
  a.classList.add('sel');
  a.setAttribute('aria-current', 'true');
  history.replaceState(null, '', a.href);
  highlightAll();
});

// A stored project file, as text (the JSON API serves the raw file).
async function fileText(src) {
  const res = await fetch(src, { credentials: 'same-origin' });
  return res.ok ? res.text() : null;
}

// A draft's file exists only as rendered by the review page: fetch that page for the file and
// take the preview's text from it (parsed inertly; only textContent is used).
async function previewFromPage(href) {
  const res = await fetch(href, { credentials: 'same-origin' });
  if (!res.ok) return null;
  const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
  const code = doc.getElementById('preview-code');
  return code ? code.textContent : null;
}

function langOf(path) {
  if (/(^|\/)Dockerfile$/.test(path)) return 'dockerfile';
  const m = /\.([a-z]+)$/.exec(path);
  return ({ py: 'python', yaml: 'yaml', yml: 'yaml', toml: 'toml', json: 'json', md: 'markdown', sh: 'shell' })[m && m[1]] || 'text';
}

highlightAll();
initPalette();
initWizard();

// live runs and chat: loaded only where a page has something to stream or filter
if (document.querySelector('[data-stream], [data-event-log], [data-rail-search], form[data-autosubmit]')) {
  import('./stream.js').then((m) => m.initStream());
}
// the Run console's trace tree follows the run (stream.js tells it when events arrive)
if (document.querySelector('.run-console[data-stream] [data-trace]')) {
  import('./runctl.js').then((m) => m.initRunTrace());
}
