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
  for (const card of document.querySelectorAll('.card.pick input')) {
    card.addEventListener('change', () => {
      for (const other of document.querySelectorAll(`.card.pick input[name="${card.name}"]`)) {
        other.closest('.card').classList.toggle('picked', other.checked);
      }
    });
  }
  const form = document.querySelector('form[data-live-diag]');
  if (form) form.addEventListener('change', () => liveDiagnose(form));
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
