// Predict: drop recordings, get each one's verdict, class probabilities, per-window timeline and spectrograms.
import { api, el, table, pct, q, showError, clearError } from './api.js';
import { timeline } from './charts.js';

export async function show(view, parts) {
  const [{ models }, { maxUpload }] = await Promise.all([api('/api/v1/models'), api('/api/v1/info')]);
  const usable = models.filter(m => !m.error);
  view.append(el('h2', {}, 'Predict'));
  if (!usable.length) {
    view.append(el('p', { class: 'muted' }, 'no models yet: train one first'));
    return;
  }
  const select = el('select', { id: 'predict-model' }, usable.map(m => el('option', { value: m.name, selected: m.name === parts[1] },
    `${m.name} (${m.design}, test ${pct(m.testAccuracy)}, ${m.classes.join('/')})`)));
  const input = el('input', { type: 'file', id: 'predict-files', multiple: true,
    accept: '.csv,.gz,.tsv,.mat,.h5,.hdf5,.wav', onchange: () => { if (input.files.length) send([...input.files]); } });
  const drop = el('div', { id: 'drop-zone', class: 'drop' }, 'Drop recordings here (CSV, TSV, gzipped too, MAT, HDF5, WAV) or ',
    el('label', { class: 'button' }, 'choose files', input));
  const results = el('section', { id: 'predict-results' });
  drop.addEventListener('dragover', ev => { ev.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', ev => {
    ev.preventDefault();
    drop.classList.remove('over');
    if (ev.dataTransfer.files.length) send([...ev.dataTransfer.files]);
  });
  view.append(el('label', {}, 'model ', select), drop, results);

  async function send(files) {
    clearError();
    // refused here: a server refusing a large body mid-upload may have to drop the connection, which a browser reports as a network error
    const bytes = files.reduce((sum, f) => sum + f.size, 0);
    if (bytes > maxUpload) {
      input.value = '';
      results.replaceChildren();
      showError(`upload larger than the limit of ${maxUpload} bytes (--max-upload): ${files.length} file(s), ${bytes} bytes`);
      return;
    }
    const body = new FormData();
    files.forEach(f => body.append('files', f, f.name));
    results.replaceChildren(el('p', { class: 'muted' }, `scoring ${files.length} recording(s)...`));
    try {
      const r = await api('/api/v1/predict?windows=true&model=' + q(select.value), { method: 'POST', body });
      render(results, r);
    } catch (e) {
      results.replaceChildren();
      showError(e);
    } finally {
      input.value = '';
    }
  }
}

function render(box, r) {
  const base = `/api/v1/predictions/${q(r.batch)}`;
  box.replaceChildren(el('p', {}, `${r.results.length} recording(s), ${r.failed} could not be scored · download `,
    el('a', { href: base + '?format=csv', id: 'download-csv' }, 'CSV'), ' · ', el('a', { href: base + '?format=json', id: 'download-json' }, 'JSON')));
  box.append(table(['recording', 'verdict', 'probability', 'windows', 'share of windows per class'],
    r.results.map(x => x.error ? el('tr', { class: 'bad' }, el('td', {}, x.recording), el('td', { colspan: 4, class: 'error-text' }, x.error))
      : el('tr', {}, el('td', {}, x.recording), el('td', { class: 'verdict' }, x.verdict.predicted), el('td', {}, pct(x.verdict.probability)),
        el('td', {}, x.verdict.windows), el('td', {}, r.classes.map((c, i) => `${c} ${Math.round(100 * x.verdict.windowShare[i])}%`).join(', ')))),
    { id: 'verdicts' }));
  const step = r.sampleRate ? r.hopSamples / r.sampleRate : r.hopSamples;
  for (const x of r.results.filter(x => !x.error)) {
    const card = el('article', { class: 'result', 'data-recording': x.recording });
    card.append(el('h3', {}, x.recording, ': ', el('span', { class: 'verdict' }, x.verdict.predicted), ` (${pct(x.verdict.probability)})`));
    // a recording unlike every training class: why, instead of a confident wrong class
    const u = x.verdict.unknownState;
    if (u && u.reason) card.append(el('p', { class: 'unknown-reason' }, u.reason));
    card.append(el('div', { class: 'bars' }, r.classes.map((c, i) => el('div', { class: 'bar' },
      el('span', { class: 'bar-label' }, c), el('span', { class: 'bar-fill', style: `width: ${(100 * x.verdict.meanProbabilities[i]).toFixed(1)}%` }),
      el('span', { class: 'bar-value' }, pct(x.verdict.meanProbabilities[i]))))));
    box.append(card);
    timeline(card, r.classes, x.windows, step, r.sampleRate ? 'window start (s)' : 'window start (sample)');
    card.append(el('div', { class: 'spectrograms' }, x.spectrograms.map(c => el('figure', {},
      el('img', { class: 'spectrogram', loading: 'lazy', alt: 'spectrogram ' + c, src: `${base}/${x.index}/spectrogram?channel=${q(c)}` }),
      el('figcaption', {}, c === 'fused' ? 'fused RGB image' : 'channel ' + c)))));
  }
}
