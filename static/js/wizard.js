// Wizard enhancements: character counter, starting-point cards, and live compatibility
// diagnostics (POST /api/compatibility/diagnose as choices change, no reload).
export function initWizard() {
  for (const ta of document.querySelectorAll('textarea[data-counter]')) {
    const out = document.getElementById(ta.dataset.counter);
    const update = () => { out.textContent = `${ta.value.length} / ${ta.maxLength}`; };
    ta.addEventListener('input', update);
    update();
  }
  for (const b of document.querySelectorAll('button[data-fill]')) {
    b.addEventListener('click', () => {
      const ta = document.getElementById(b.dataset.fill);
      ta.value = b.textContent;
      ta.dispatchEvent(new Event('input'));
      ta.focus();
    });
  }
  // recent ideas are links (?recent=N refills the form server-side); with script, fill in place
  for (const a of document.querySelectorAll('a[data-fill-idea]')) {
    a.addEventListener('click', (ev) => {
      ev.preventDefault();
      const ta = document.getElementById(a.dataset.fillIdea);
      ta.value = a.textContent;
      ta.dispatchEvent(new Event('input'));
      ta.focus();
    });
  }
  for (const card of document.querySelectorAll('.card.pick input')) {
    card.addEventListener('change', () => {
      for (const other of document.querySelectorAll(`.card.pick input[name="${card.name}"]`)) {
        other.closest('.card').classList.toggle('picked', other.checked);
      }
      if (card.name === 'framework' && card.checked) showWhy(card.closest('.card'));
    });
  }
  const filter = document.querySelector('form[data-philo-filter]');
  if (filter) filter.addEventListener('change', () => filterFrameworks(filter));
  const form = document.querySelector('form[data-live-diag]');
  if (form) form.addEventListener('change', () => liveDiagnose(form));
}

// The "Why" box follows the framework picked, not only the one saved in the draft: its text is
// the picked card's own (name, summary, risk), so it needs no request.
function showWhy(card) {
  const set = (key, text) => {
    const el = document.querySelector(`.why [data-why="${key}"]`);
    if (el && text) el.textContent = text;
  };
  set('name', card.querySelector('.card-title')?.textContent);
  set('summary', card.querySelector('.card-body')?.textContent);
  set('risk', card.dataset.risk);
}

// The server renders every framework card and hides those outside ?philosophy=; this does the
// same without a reload, and keeps a visible card picked as the server would.
function filterFrameworks(filter) {
  const want = new FormData(filter).get('philosophy') || '';
  const cards = [...document.querySelectorAll('.fw-cards .card.pick')];
  for (const c of cards) c.hidden = want !== '' && c.dataset.philosophy !== want;
  const visible = cards.filter((c) => !c.hidden);
  const picked = cards.find((c) => c.querySelector('input').checked);
  if (visible.length && (!picked || picked.hidden)) {
    const input = visible[0].querySelector('input');
    input.checked = true;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }
  const url = new URL(location.href);
  if (want) url.searchParams.set('philosophy', want); else url.searchParams.delete('philosophy');
  history.replaceState(null, '', url);
}

async function liveDiagnose(form) {
  const data = new FormData(form);
  const body = {};
  for (const k of ['framework', 'pattern', 'model', 'hyperscaler']) {
    const v = data.get(k);
    if (v) body[k] = v;
  }
  const res = await fetch('/api/compatibility/diagnose', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': data.get('_csrf') || '' },
    body: JSON.stringify(body),
  });
  if (!res.ok) return;
  const { diagnostics } = await res.json();
  const tbody = document.querySelector('[data-diag-rows]');
  if (!tbody) return;
  const blocking = diagnostics.filter((r) => r.severity === 'err' && r.category !== 'Export').length;
  tbody.replaceChildren(...diagnostics.map((r) => {
    const tr = document.createElement('tr');
    tr.className = 'sev-' + r.severity;
    for (const text of [r.category, r.value, r.sub]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    const td = document.createElement('td');
    const badge = document.createElement('span');
    badge.className = 'badge ' + r.severity;
    badge.textContent = r.severity;
    td.append(badge);
    tr.append(td, document.createElement('td'));
    return tr;
  }));
  const h = document.getElementById('diag-h');
  const badge = h && h.querySelector('.badge');
  if (badge) {
    badge.className = 'badge ' + (blocking ? 'err' : 'ok');
    badge.textContent = blocking ? `${blocking} blocking` : 'ready';
  }
}
