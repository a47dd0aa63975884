// The studio's pages: one view per hash route, every datum from the REST API under /api/v1.
import { api, showError, clearError } from './api.js';
import * as datasets from './datasets.js';
import * as train from './train.js';
import * as models from './models.js';
import * as predict from './predict.js';

const pages = { datasets, train, models, predict };
let leave = () => {};

async function route() {
  leave();
  leave = () => {};
  clearError();
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const name = pages[parts[0]] ? parts[0] : parts[0] === 'recording' ? 'datasets' : parts[0] === 'compare' ? 'models' : 'datasets';
  document.querySelectorAll('nav a[data-page]').forEach(a => a.classList.toggle('active', a.dataset.page === name));
  const view = document.getElementById('view');
  view.replaceChildren();
  try {
    const cleanup = await pages[name].show(view, parts);
    if (typeof cleanup === 'function') leave = cleanup;
  } catch (e) {
    showError(e);
  }
}

// the cookie carries the token from now on: keep it out of the address bar and the history
if (new URLSearchParams(location.search).has('token')) {
  history.replaceState(null, '', location.pathname + location.hash);
}
window.addEventListener('hashchange', route);
api('/api/v1/info').then(i => {
  document.getElementById('info').textContent = `triax ${i.version} · data: ${i.dataRoot} · models: ${i.models}`;
}).catch(showError);
route();
