// runctl.js - the Run console's trace tree stays live: stream.js dispatches a run:event on the
// console for every logged event, and the tree (server-rendered, works without JS) is fetched
// again at most once a second and swapped in. The server builds it; nothing is built here from
// event strings, so escaping stays in one place.

export function initRunTrace() {
  const root = document.querySelector('.run-console[data-stream]');
  const trace = root && root.querySelector('[data-trace]');
  if (!trace || !window.fetch || !window.DOMParser) return;
  let timer = 0;
  let busy = false;
  const refresh = async () => {
    timer = 0;
    if (busy) { timer = setTimeout(refresh, 1000); return; }
    busy = true;
    try {
      const res = await fetch(window.location.pathname, { credentials: 'same-origin' });
      if (res.ok) {
        const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
        const fresh = doc.querySelector('[data-trace]');
        const now = document.querySelector('[data-trace]');
        if (fresh && now) now.replaceWith(document.importNode(fresh, true));
      }
    } catch { /* the next event tries again; a reload shows it anyway */ }
    busy = false;
  };
  root.addEventListener('run:event', () => {
    if (!timer) timer = setTimeout(refresh, 1000);
  });
}
