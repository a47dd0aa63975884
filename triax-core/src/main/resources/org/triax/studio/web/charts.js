// Charts drawn by uPlot (served from its WebJar); confusion matrices as tables.
import { el } from './api.js';

export const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
  '#bcbd22', '#17becf'];

function width(container) {
  return Math.max(280, Math.min(760, (container.clientWidth || 600) - 8));
}

/** A line chart; returns the uPlot (setData updates it). */
export function lines(container, { title, xLabel, yLabel, labels, colors, dash, height = 220, yRange, half, integerX }) {
  const series = [{ label: xLabel }].concat(labels.map((l, i) => ({
    label: l, stroke: (colors || COLORS)[i % COLORS.length], width: 2, dash: dash ? dash[i] : undefined,
    points: { show: true, size: 5 },
  })));
  const opts = {
    title, width: half ? Math.max(280, Math.floor(width(container.parentElement || container) / 2) - 12) : width(container),
    height, series, legend: { live: false },
    scales: { x: { time: false }, y: yRange ? { range: yRange } : {} },
    axes: [integerX ? { label: xLabel, incrs: [1, 2, 5, 10, 20, 50, 100] } : { label: xLabel }, { label: yLabel, size: 64 }],
  };
  return new uPlot(opts, [[], ...labels.map(() => [])], container);
}

/** Loss and accuracy per epoch, training and validation, of one design. */
export function curves(container, design) {
  const box = el('div', { class: 'curves', 'data-design': design });
  container.append(box);
  const loss = lines(box, { title: `${design}: loss`, xLabel: 'epoch', yLabel: 'cross-entropy',
    labels: ['train loss', 'validation loss'], colors: ['#1f77b4', '#ff7f0e'], dash: [null, [6, 4]], half: true,
    integerX: true });
  const acc = lines(box, { title: `${design}: accuracy`, xLabel: 'epoch', yLabel: 'accuracy',
    labels: ['train accuracy', 'validation accuracy'], colors: ['#1f77b4', '#ff7f0e'], dash: [null, [6, 4]],
    yRange: [0, 1], half: true, integerX: true });
  return {
    element: box,
    update(history) {
      const x = history.map(h => h.epoch);
      loss.setData([x, history.map(h => h.trainLoss), history.map(h => h.validationLoss)]);
      acc.setData([x, history.map(h => h.trainAccuracy), history.map(h => h.validationAccuracy)]);
      box.dataset.points = String(history.length);
    },
  };
}

/** Each channel's min/max envelope over time. */
export function waveform(container, rec) {
  for (const [i, s] of rec.waveform.entries()) {
    const box = el('div', { class: 'waveform', 'data-channel': s.channel });
    container.append(box);
    const color = COLORS[i % COLORS.length];
    const u = new uPlot({
      title: `channel ${s.channel}`, width: width(container), height: 150,
      scales: { x: { time: false } },
      series: [{ label: rec.timeUnit === 's' ? 'time (s)' : 'sample' },
        { label: 'max', stroke: color, width: 1 }, { label: 'min', stroke: color, width: 1 }],
      bands: [{ series: [1, 2], fill: color + '55' }],
      axes: [{ label: rec.timeUnit === 's' ? 'time (s)' : 'sample' }, { size: 64 }],
      legend: { show: false },
    }, [rec.time, s.max, s.min], box);
    box.uplot = u;
  }
}

/** Per-window probability of each class over the recording. */
export function timeline(container, classes, windows, stepSeconds, unit) {
  const box = el('div', { class: 'timeline' });
  container.append(box);
  const u = lines(box, { title: 'probability per window', xLabel: unit, yLabel: 'probability', labels: classes,
    height: 200, yRange: [0, 1] });
  u.setData([windows.map((_, i) => i * stepSeconds), ...classes.map((_, c) => windows.map(w => w[c]))]);
  return box;
}

/** confusion[true][predicted] as a table, each cell shaded by its share of the row. */
export function confusion(classes, matrix, caption) {
  const head = el('tr', {}, el('th', { class: 'corner' }, 'true \\ predicted'), classes.map(c => el('th', {}, c)));
  const rows = matrix.map((row, t) => {
    const total = row.reduce((a, b) => a + b, 0) || 1;
    return el('tr', {}, el('th', {}, classes[t]), row.map((n, p) => el('td', {
      class: p === t ? 'diag' : 'off',
      style: `background: rgba(${p === t ? '44,160,44' : '214,39,40'}, ${(0.1 + 0.8 * n / total).toFixed(2)})`,
    }, n)));
  });
  return el('table', { class: 'confusion' }, caption ? el('caption', {}, caption) : null, el('thead', {}, head),
    el('tbody', {}, rows));
}
