// Datasets: browse the data root, a dataset's classes and recordings, a recording's waveform and spectrograms.
import { api, el, table, q, seconds, hz } from './api.js';
import { waveform } from './charts.js';

export async function show(view, parts) {
  if (parts[0] === 'recording') return recording(view, parts.slice(1).join('/'));
  const path = parts.slice(1).join('/');
  const listing = await api('/api/v1/folders?path=' + q(path));
  view.append(breadcrumb(listing.path), folderList(listing));
  if (listing.dataset) {
    localStorage.setItem('triax.lastDataset', listing.path);
    const box = el('section', { id: 'dataset-summary' }, el('p', { class: 'muted' }, 'reading the dataset...'));
    view.append(box);
    try {
      box.replaceChildren(...summary(await api("/api/v1/dataset?path=" + q(path))).filter(Boolean));
    } catch (e) {
      box.replaceChildren(el('p', { class: 'muted' }, 'not a dataset: ' + e.message));
    }
  }
}

function breadcrumb(path) {
  const parts = path ? path.split('/') : [];
  const links = [el('a', { href: '#/datasets' }, 'data root')];
  parts.forEach((p, i) => links.push(' / ', el('a', { href: '#/datasets/' + parts.slice(0, i + 1).map(q).join('/') }, p)));
  return el('h2', { class: 'breadcrumb' }, links);
}

function folderList(listing) {
  const items = listing.folders.map(f => el('li', { class: 'folder' }, el('a', { href: '#/datasets/' + f.path.split('/').map(q).join('/') }, f.name + '/')));
  const recs = listing.recordings.map(r => el('li', { class: 'file' }, el('a', { href: '#/recording/' + r.path.split('/').map(q).join('/') }, r.name)));
  if (!items.length && !recs.length) items.push(el('li', { class: 'muted' }, 'empty folder'));
  return el('ul', { class: 'listing' }, items, recs);
}

function summary(d) {
  const dur = d.recordings.filter(r => typeof r.seconds === 'number').map(r => r.seconds);
  const facts = table(['classes', 'recordings', 'channels', 'sampling rate', 'duration per recording'], [[
    d.classes.length, d.recordings.length, d.channels.join(', ') || '–',
    d.sampleRates.length ? d.sampleRates.map(hz).join(', ') : 'not stated',
    dur.length ? `${seconds(Math.min(...dur))} – ${seconds(Math.max(...dur))}` : '–']], { id: 'dataset-facts' });
  const classes = table(['class', 'recordings', 'total duration'],
    d.classes.map(c => el('tr', { class: 'class-row' }, el('td', {}, c.name), el('td', {}, c.recordings), el('td', {}, seconds(c.seconds)))));
  const recs = table(['recording', 'class', 'channels', 'sampling rate', 'samples', 'duration', ''],
    d.recordings.map(r => el('tr', { class: r.error ? 'recording-row bad' : 'recording-row' },
      el('td', {}, el('a', { href: '#/recording/' + r.path.split('/').map(q).join('/') }, r.name)),
      el('td', {}, r.class), el('td', {}, r.channels ? r.channels.join(', ') : ''),
      el('td', {}, r.error ? '' : hz(r.sampleRate)), el('td', {}, r.samples ?? ''), el('td', {}, seconds(r.seconds)),
      el('td', { class: 'error-text' }, r.error || ''))));
  const train = el('a', { class: 'button', href: '#/train', onclick: () => localStorage.setItem('triax.lastDataset', d.path) }, 'Train on this dataset');
  return [el('h3', {}, `dataset ${d.name}`), facts, train,
    d.notes.length ? el('ul', { class: 'notes' }, d.notes.map(n => el('li', {}, n))) : null,
    el('h3', {}, 'classes'), classes, el('h3', {}, 'recordings'), recs];
}

async function recording(view, path) {
  const r = await api('/api/v1/recording?path=' + q(path) + '&points=1500');
  const folder = path.split('/').slice(0, -1);
  view.append(el('h2', { class: 'breadcrumb' }, el('a', { href: '#/datasets/' + folder.map(q).join('/') }, '← ' + (folder.join('/') || 'data root')),
    ' / ', path.split('/').pop()));
  view.append(table(['channels', 'sampling rate', 'samples', 'duration'],
    [[r.channels.join(', '), hz(r.sampleRate), r.samples, seconds(r.seconds)]]));
  const box = el('section', { id: 'recording-view' });
  view.append(box);
  box.append(el('h3', {}, 'waveform'));
  const waves = el('div', { class: 'waves' });
  box.append(waves);
  waveform(waves, r);
  box.append(el('h3', {}, 'spectrograms'));
  box.append(el('div', { class: 'spectrograms' }, r.spectrograms.map(c => el('figure', {},
    el('img', { class: 'spectrogram', 'data-channel': c, alt: 'spectrogram ' + c, loading: 'lazy',
      src: '/api/v1/recording/spectrogram?path=' + q(path) + '&channel=' + q(c) }),
    el('figcaption', {}, c === 'fused' ? 'fused RGB image' : 'channel ' + c)))));
}
