// Calls to the studio's REST API and small DOM helpers shared by the pages.

export class ApiError extends Error {
  constructor(message, status) { super(message); this.status = status; }
}

/** fetch with the cookie; JSON in and out; a non-2xx answer throws its one-line error. */
export async function api(path, options = {}) {
  const r = await fetch(path, { credentials: 'same-origin', ...options });
  const type = r.headers.get('content-type') || '';
  const body = type.includes('json') ? await r.json() : await r.text();
  if (!r.ok) throw new ApiError((body && body.error) || `${r.status} ${r.statusText}`, r.status);
  return body;
}

export function postJson(path, value) {
  return api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) });
}

export function showError(e) {
  const box = document.getElementById('error');
  box.textContent = e instanceof Error ? e.message : String(e);
  box.hidden = false;
}

export function clearError() {
  document.getElementById('error').hidden = true;
}

/** el('td', {class: 'x'}, 'text', child...) */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

export function table(headers, rows, attrs = {}) {
  return el('table', attrs, el('thead', {}, el('tr', {}, headers.map(h => el('th', {}, h)))),
    el('tbody', {}, rows.map(r => r instanceof Node ? r : el('tr', {}, r.map(c => el('td', {}, c))))));
}

export const pct = x => (x === null || x === undefined || typeof x !== 'number') ? '–' : (100 * x).toFixed(2) + ' %';
export const num = (x, d = 3) => (typeof x === 'number') ? x.toFixed(d) : '–';
export const q = s => encodeURIComponent(s);
export const seconds = s => typeof s !== 'number' ? '–' : s < 120 ? s.toFixed(s < 10 ? 2 : 1) + ' s' : (s / 60).toFixed(1) + ' min';
export const hz = x => typeof x === 'number' ? (x >= 1000 ? (x / 1000) + ' kHz' : x + ' Hz') : 'unknown';
