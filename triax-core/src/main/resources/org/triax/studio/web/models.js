// Models: the list, one model in detail (curves, confusion matrix, per-class metrics, provenance), two side by side.
import { api, el, table, pct, num, q, seconds, hz } from './api.js';
import { curves, confusion } from './charts.js';

export async function show(view, parts) {
  if (parts[0] === 'compare') return compare(view, parts[1], parts[2]);
  if (parts[1]) return detail(view, parts[1]);
  const { models } = await api('/api/v1/models');
  view.append(el('h2', {}, 'Models'));
  if (!models.length) {
    view.append(el('p', { class: 'muted', id: 'model-list' }, 'no models yet: train one'));
    return;
  }
  const picked = [];
  const compareButton = el('button', { id: 'compare', disabled: true, onclick: () => {
    location.hash = '#/compare/' + picked.map(q).join('/');
  } }, 'Compare the two selected');
  const rows = models.map(m => el('tr', { class: 'model-row', 'data-name': m.name },
    el('td', {}, m.error ? '' : el('input', { type: 'checkbox', onchange: ev => {
      if (ev.target.checked) picked.push(m.name); else picked.splice(picked.indexOf(m.name), 1);
      while (picked.length > 2) {
        const old = picked.shift();
        view.querySelector(`tr[data-name="${CSS.escape(old)}"] input`).checked = false;
      }
      compareButton.disabled = picked.length !== 2;
    } })),
    el('td', {}, el('a', { href: '#/models/' + q(m.name) }, m.name)),
    m.error ? el('td', { colspan: 7, class: 'error-text' }, m.error) : [
      el('td', {}, m.design), el('td', {}, (m.createdAt || '').replace('T', ' ')), el('td', {}, pct(m.validationAccuracy)),
      el('td', {}, pct(m.testAccuracy)), el('td', {}, num(m.testMacroF1)), el('td', {}, m.dataset || '–'),
      el('td', {}, m.classes.join(', '))]));
  view.append(table(['', 'model', 'design', 'created', 'validation acc', 'test acc', 'test macro F1', 'dataset', 'classes'],
    rows, { id: 'model-list' }), compareButton);
}

async function detail(view, name) {
  const d = await api('/api/v1/models/' + q(name));
  view.append(el('h2', {}, el('a', { href: '#/models' }, 'Models'), ' / ', name));
  view.append(el('p', {}, el('a', { class: 'button', id: 'download-triax', href: `/api/v1/models/${q(name)}/files/triax` }, 'download .triax'), ' ',
    d.onnx ? el('a', { class: 'button', id: 'download-onnx', href: `/api/v1/models/${q(name)}/files/onnx` }, 'download .onnx') : null,
    ' ', el('a', { href: '#/predict/' + q(name) }, 'predict with it')));
  view.append(panel(d.metadata));
}

/** Everything about one model, in a column. */
function panel(m) {
  const box = el('div', { class: 'model-panel' });
  box.append(table(['design', 'validation acc', 'test acc', 'test macro F1', 'best epoch', 'train time'],
    [[m.network.design.toLowerCase(), pct(m.validation.accuracy), pct(m.test.accuracy), num(m.test.macroF1),
      `${m.bestEpoch}/${m.history.length}`, seconds(m.trainSeconds)]], { class: 'headline' }));
  const charts = el('div', {});
  box.append(el('h3', {}, 'training curves'), charts);
  curves(charts, m.network.design.toLowerCase()).update(m.history);
  box.append(el('h3', {}, 'confusion matrix (test windows)'), confusion(m.classes, m.test.confusion));
  box.append(el('h3', {}, 'per-class metrics (test windows)'), table(['class', 'precision', 'recall', 'F1', 'support'],
    m.classes.map((c, i) => [c, num(m.test.precision[i]), num(m.test.recall[i]), num(m.test.f1[i]), m.test.support[i]]),
    { class: 'per-class' }));
  const p = m.preprocessing;
  const t = m.training;
  const s = m.split;
  box.append(el('h3', {}, 'provenance'), el('dl', { class: 'provenance' }, [
    ['created', m.createdAt], ['triax', m.triaxVersion], ['device', m.device],
    ['dataset', m.dataset ? m.dataset.path : '–'], ['fingerprint', m.dataset ? m.dataset.fingerprint : '–'],
    ['recordings', m.dataset ? `${m.dataset.recordings} (windows train ${m.dataset.trainWindows}, validation ${m.dataset.validationWindows}, test ${m.dataset.testWindows})` : '–'],
    ['variable', m.dataset && m.dataset.variable ? m.dataset.variable : 'automatic'],
    ['split', `${s.protocol.toLowerCase().replace('_', '-')} ${JSON.stringify(s.fractions)} seed ${s.seed}` + (s.grouping ? `, groups: ${s.grouping}` : '')],
    ['training', `${t.epochs} epochs, batch ${t.batchSize}, lr ${t.learningRate}, seed ${t.seed}${t.classWeights ? ', class weights' : ''}`],
    ['classes', m.classes.join(', ')], ['channels', p.channels.join(', ')], ['sampling rate', hz(p.sampleRate) + (p.resample ? ' (resampled)' : '')],
    ['window', `${p.window.length} samples, hop ${p.window.hop}`],
    ['STFT', `segment ${p.stft.segment}, overlap ${p.stft.overlap}, ${String(p.stft.window).toLowerCase()}, floor ${p.stft.dbFloor} dB`],
    ['input', `${m.network.channels} × ${m.network.bins} × ${m.network.frames}`],
    ...(m.dataset && m.dataset.notes ? m.dataset.notes.map(n => ['note', n]) : []),
  ].map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])));
  return box;
}

async function compare(view, a, b) {
  const [x, y] = await Promise.all([api('/api/v1/models/' + q(a)), api('/api/v1/models/' + q(b))]);
  view.append(el('h2', {}, el('a', { href: '#/models' }, 'Models'), ' / compare'));
  const rows = [['design', m => m.network.design.toLowerCase()], ['validation accuracy', m => pct(m.validation.accuracy)],
    ['test accuracy', m => pct(m.test.accuracy)], ['test macro F1', m => num(m.test.macroF1)],
    ['best epoch', m => `${m.bestEpoch}/${m.history.length}`], ['train time', m => seconds(m.trainSeconds)],
    ['dataset', m => m.dataset ? m.dataset.path : '–'], ['created', m => m.createdAt]];
  view.append(table(['', a, b], rows.map(([k, f]) => [k, f(x.metadata), f(y.metadata)]), { id: 'comparison' }));
  view.append(el('div', { class: 'side-by-side' },
    el('div', {}, el('h3', {}, a), panel(x.metadata)), el('div', {}, el('h3', {}, b), panel(y.metadata))));
}
