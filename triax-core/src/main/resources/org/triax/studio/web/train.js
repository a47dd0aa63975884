// Train: triax train's options as a form, the queue of runs, and one run live (curves, progress, log, results).
import { api, postJson, el, table, pct, num, q, seconds, showError } from './api.js';
import { curves, confusion } from './charts.js';

export async function show(view, parts) {
  const [spec, runs, root] = await Promise.all([api('/api/v1/train/options'), api('/api/v1/runs'),
    api('/api/v1/folders').catch(() => ({ folders: [] }))]);
  const left = el('section', { class: 'column' });
  const right = el('section', { class: 'column wide', id: 'run-view' });
  view.append(el('div', { class: 'columns' }, left, right));
  const list = el('div', {}, runList(runs.runs, parts[1]));
  left.append(form(spec.options, root.folders), el('h3', {}, 'runs'), list);
  // a run that starts or ends changes the list's states
  const refresh = () => api('/api/v1/runs').then(r => list.replaceChildren(runList(r.runs, parts[1]))).catch(() => {});
  if (parts[1]) return showRun(right, parts[1], refresh);
  right.append(el('p', { class: 'muted' }, 'Start a run, or pick one from the list: runs train one at a time, '
    + 'and keep their log and curves while the studio runs.'));
}

function form(options, folders) {
  const data = el('input', { id: 'train-data', name: 'data', list: 'train-datasets', required: true,
    value: localStorage.getItem('triax.lastDataset') || (folders[0] ? folders[0].path : '') });
  const fields = [el('label', {}, 'dataset (folder under the data root)', data),
    el('datalist', { id: 'train-datasets' }, folders.map(f => el('option', { value: f.path })))];
  const inputs = {};
  for (const group of ['training', 'data']) {
    const set = el('fieldset', {}, el('legend', {}, group === 'training' ? 'training' : 'windows, STFT and split'));
    for (const o of options.filter(x => x.group === group)) {
      let input;
      if (o.type === 'boolean') {
        input = el('input', { type: 'checkbox', name: o.name, id: 'opt-' + o.name });
      } else if (o.choices.length) {
        input = el('select', { name: o.name, id: 'opt-' + o.name }, o.choices.map(c => el('option', { value: c, selected: c === o.defaultValue }, c)));
      } else {
        input = el('input', { name: o.name, id: 'opt-' + o.name, inputmode: o.type === 'number' ? 'decimal' : 'text',
          placeholder: o.defaultValue ?? '' });
      }
      inputs[o.name] = input;
      set.append(el('label', { title: o.description, class: o.type === 'boolean' ? 'check' : '' }, '--' + o.name, input,
        el('small', {}, o.description)));
    }
    fields.push(set);
  }
  const start = el('button', { type: 'submit', id: 'train-start' }, 'Start');
  return el('form', { id: 'train-form', onsubmit: async ev => {
    ev.preventDefault();
    const values = {};
    for (const [name, input] of Object.entries(inputs)) {
      if (input.type === 'checkbox') { if (input.checked) values[name] = true; }
      else if (input.value.trim() !== '') values[name] = input.value.trim();
    }
    start.disabled = true;
    try {
      const run = await postJson('/api/v1/runs', { data: data.value.trim(), options: values });
      localStorage.setItem('triax.lastDataset', data.value.trim());
      location.hash = '#/train/' + run.id;
    } catch (e) { showError(e); } finally { start.disabled = false; }
  } }, el('h2', {}, 'Train'), fields, start);
}

function runList(runs, selected) {
  if (!runs.length) return el('p', { class: 'muted', id: 'run-list' }, 'no runs yet');
  return el('ul', { id: 'run-list', class: 'runs' }, runs.slice().reverse().map(r => el('li', { class: r.id === selected ? 'active' : '' },
    el('a', { href: '#/train/' + r.id }, `run ${r.id}`), ` ${r.data} · ${r.designs.join(' + ')} · `,
    el('span', { class: 'state ' + r.state }, r.state))));
}

function showRun(box, id, refresh) {
  const state = el('span', { id: 'run-state', class: 'state' });
  const cancel = el('button', { id: 'run-cancel', onclick: async () => {
    try { await api('/api/v1/runs/' + q(id) + '/cancel', { method: 'POST' }); } catch (e) { showError(e); }
  } }, 'Cancel');
  const progress = el('progress', { id: 'epoch-progress', max: 1, value: 0 });
  const progressText = el('span', { id: 'progress-text', class: 'muted' });
  const charts = el('div', { id: 'run-charts' });
  const results = el('div', { id: 'run-results' });
  const log = el('pre', { id: 'run-log', class: 'log' });
  const head = el('h2', {}, `run ${id} `, state, ' ', cancel);
  const meta = el('p', { class: 'muted', id: 'run-meta' });
  box.append(head, meta, el('div', { class: 'progress' }, progress, ' ', progressText), charts, results, el('h3', {}, 'log'), log);
  const plots = {};
  let seq = 0;
  let history = {};

  function plot(design) {
    if (!plots[design]) plots[design] = curves(charts, design);
    return plots[design];
  }
  function setState(run) {
    state.textContent = run.state + (run.cancelRequested && run.state === 'running' ? ' (cancelling)' : '');
    state.className = 'state ' + run.state;
    cancel.disabled = !['queued', 'running'].includes(run.state);
    meta.textContent = `${run.data} · ${run.designs.join(' + ')} · ${run.epochs} epochs · started ${run.startedAt || '–'}`
      + (run.error ? ' · ' + run.error : '');
    progress.hidden = run.state !== 'running';
    if (run.progress) setProgress(run.progress);
    else if (run.state !== 'running') progressText.textContent = '';
    if (run.outcomes.length) showResults(results, run.outcomes);
  }
  function setProgress(p) {
    progress.max = p.batches; progress.value = p.batch;
    progressText.textContent = `${p.design}: epoch ${p.epoch}/${p.epochs}, batch ${p.batch}/${p.batches}, loss ${num(p.loss, 4)}`;
  }
  function addLog(line) { log.textContent += line + '\n'; log.scrollTop = log.scrollHeight; }

  const source = new EventSource('/api/v1/runs/' + q(id) + '/events');
  source.addEventListener('snapshot', ev => {
    const run = JSON.parse(ev.data);
    seq = run.seq;
    history = run.history;
    log.textContent = '';
    run.log.forEach(addLog);
    run.designs.forEach(d => plot(d).update(history[d] || []));
    setState(run);
    if (!['queued', 'running'].includes(run.state)) source.close();
  });
  const fresh = handler => ev => { const e = JSON.parse(ev.data); if (e.seq > seq) { seq = e.seq; handler(e); } };
  source.addEventListener('log', fresh(e => addLog(e.line)));
  source.addEventListener('batch', fresh(setProgress));
  source.addEventListener('epoch', fresh(e => {
    (history[e.design] = history[e.design] || []).push(e.stats);
    plot(e.design).update(history[e.design]);
  }));
  source.addEventListener('state', fresh(e => {
    setState(e.run);
    refresh();
    if (!['queued', 'running'].includes(e.run.state)) source.close();
  }));
  return () => source.close();
}

function showResults(box, outcomes) {
  const rows = outcomes.map(o => el('tr', { class: 'outcome', 'data-design': o.design },
    el('td', {}, o.design), el('td', {}, pct(o.validationAccuracy)), el('td', {}, pct(o.testAccuracy)),
    el('td', {}, num(o.testMacroF1)), el('td', {}, `${o.bestEpoch}/${o.epochs}`), el('td', {}, seconds(o.trainSeconds)),
    el('td', {}, el('a', { href: '#/models/' + q(o.model) }, o.model))));
  const comparison = table(['design', 'validation acc', 'test acc', 'test macro F1', 'best/epochs', 'train time', 'model'],
    rows, { id: 'comparison' });
  box.replaceChildren(el('h3', {}, 'results'), comparison,
    el('div', { class: 'confusions' }, outcomes.map(o => confusion(o.classes, o.confusion, `${o.design}: test set`))));
}
