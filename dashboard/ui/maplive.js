// The Map page's date window, Kyiv district map and attack timeline, drawn in the browser.
//
// Python sends both charts of every window on the attacks' dates (ui/maplive.py), their
// identical parts (geometry, layout) once in `parts`, referenced as {"$p": n}. Moving the
// window (two native range inputs, From and To) draws both charts in place (Plotly.react), then
// tells Python (state `window`), whose fragment keeps the URL, the files, the lists and the
// evidence panel; a window not sent yet waits for Python. A mark, clicked or opened from a
// chart's table, is the trigger `mark`: Python shows its evidence.
//
// HTML from Python (the charts' titles and source lines) arrives escaped; every other text is
// set with textContent, never parsed as HTML.

const TOOLBAR_MIN = 500; // px of column under which the chart's toolbar is not shown
const CHARTS = ['kyiv', 'timeline'];
const running = () => !!document.querySelector('[data-testid="stStatusWidget"]'); // Streamlit's

function setHTML(node, html) {
  if (node.__html !== html) {
    node.innerHTML = html; // escaped by Python
    node.__html = html;
  }
}

// A pooled value rebuilt, fresh objects each time: plotly.js keeps and changes the objects it is
// given. Lists of plain values (coordinates, texts) are shared between windows instead: plotly
// leaves them as they are, and Plotly.react, finding the same list, skips what depends on it.
const shared = new WeakMap(); // parts -> Map(index -> list)
const plainList = (v) => Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object');

function resolve(value, parts) {
  if (Array.isArray(value)) return value.map((v) => resolve(v, parts));
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$p') {
      const part = parts[value.$p];
      if (!plainList(part)) return resolve(part, parts);
      let lists = shared.get(parts);
      if (!lists) shared.set(parts, (lists = new Map()));
      if (!lists.has(value.$p)) lists.set(value.$p, part);
      return lists.get(value.$p);
    }
    const out = {};
    for (const k of keys) out[k] = resolve(value[k], parts);
    return out;
  }
  return value;
}

const windowKey = (s) => `${s.data.dates[s.start]}..${s.data.dates[s.end]}`;
const held = (s) => Object.keys(s.windows);

function tell(s) {
  s.asked = s.seq;
  s.setStateValue('window', {
    start: s.data.dates[s.start],
    end: s.data.dates[s.end],
    seq: s.seq,
    held: held(s),
    version: s.version,
  });
}

function openMark(s, ref) {
  s.setTriggerValue('mark', { ref, held: held(s), version: s.version });
}

// A local change: tell Python first (its rerun runs while the browser draws), then draw.
function change(root) {
  const s = root.__map;
  s.seq += 1;
  s.changed = performance.now();
  tell(s);
  setTimeout(() => draw(root), 0);
}

function range(root, s, which) {
  const words = s.data.words;
  const id = `${s.id}-${which}`;
  const row = el('div', { class: 'maplive-range' });
  const input = el('input', { type: 'range', id, min: '0', max: String(s.data.dates.length - 1), step: '1' });
  input.dataset.end = which;
  const shown = el('output', { for: id, class: 'maplive-date', 'aria-hidden': 'true' });
  row.append(el('label', { for: id }, words[which]), input, shown);
  input.addEventListener('input', () => {
    const at = Number(input.value);
    if (which === 'from') {
      s.start = at;
      if (s.end < at) s.end = at; // the other end moves along: never a reversed window
    } else {
      s.end = at;
      if (s.start > at) s.start = at;
    }
    change(root);
  });
  return row;
}

function chartSection(s, name) {
  const words = s.data.words;
  const section = el('section', { class: 'maplive-chart' });
  section.dataset.chart = name;
  const described = `${s.id}-${name}-description`;
  const plot = el('div', { class: 'maplive-figure', role: 'figure', 'aria-describedby': described });
  plot.append(el('div', { class: 'maplive-plot' }));
  const marks = el('details', { class: 'maplive-marks' });
  marks.append(el('summary', {}, words.table), el('div', { class: 'maplive-table' }));
  marks.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-ref]');
    if (button) openMark(s, button.dataset.ref);
  });
  section.append(
    el('div', { class: 'maplive-head' }),
    plot,
    el('div', { class: 'maplive-foot' }),
    el('p', { class: 'maplive-description', id: described }),
    marks,
  );
  return section;
}

function skeleton(root, s) {
  const words = s.data.words;
  const window_ = el('fieldset', { class: 'maplive-window' });
  window_.append(el('legend', {}, words.window), range(root, s, 'from'), range(root, s, 'to'));
  root.append(window_, el('p', { class: 'maplive-status', role: 'status' }), ...CHARTS.map((n) => chartSection(s, n)));
  // plots drawn ahead: drawn on the stage (off screen, at the chart's width), kept in the store
  s.stage = el('div', { class: 'maplive-stage', 'aria-hidden': 'true', inert: '' });
  s.store = el('div', { class: 'maplive-store', hidden: '', inert: '' });
  s.kept = new Map(); // stamp -> {kyiv: div, timeline: div}
  root.append(s.stage, s.store);
}


function showControls(root, s) {
  const dates = s.data.dates;
  const said = s.data.words.dates;
  for (const input of root.querySelectorAll('.maplive-range input')) {
    const at = input.dataset.end === 'from' ? s.start : s.end;
    if (input.value !== String(at)) input.value = String(at);
    setAttr(input, 'aria-valuetext', said[at]);
    setText(input.parentElement.querySelector('output'), said[at]);
    setAttr(input.parentElement.querySelector('output'), 'datetime', dates[at]);
  }
}

// The selection on both charts: its districts outlined on the map (under the names), its
// attack's mark larger and coloured on the timeline.
function marked(figure, name, highlight) {
  if (name === 'kyiv' && highlight.trace) {
    figure.data.splice(figure.data.length - 1, 0, resolve(highlight.trace, []));
  }
  if (name === 'timeline' && highlight.attack) {
    const trace = figure.data[0];
    const at = Array.isArray(trace.customdata) ? trace.customdata.indexOf(highlight.attack.ref) : -1;
    if (at >= 0 && Array.isArray(trace.marker.size) && Array.isArray(trace.marker.color)) {
      trace.marker.size[at] = highlight.attack.size;
      trace.marker.color[at] = highlight.attack.color;
    }
  }
  return figure;
}

function showWords(root, s, name, shown) {
  const section = root.querySelector(`.maplive-chart[data-chart="${name}"]`);
  setHTML(section.querySelector('.maplive-head'), shown.head);
  setHTML(section.querySelector('.maplive-foot'), shown.foot);
  setText(section.querySelector('.maplive-description'), shown.description);
  const table = section.querySelector('.maplive-table');
  if (table.__marks !== shown.marks) {
    table.replaceChildren(marksTable(shown.marks, s.data.words, 'maplive-marks-table'));
    table.__marks = shown.marks;
  }
  setHidden(section.querySelector('.maplive-marks'), !shown.marks.length);
  setAttr(section.querySelector('.maplive-figure'), 'aria-label', shown.title);
}

// Draw chart `name` of a window into `div`: in place (Plotly.react) when it holds a plot.
async function plotInto(s, div, name, entry, narrow) {
  const figure = marked(resolve(entry.view[name].figure, entry.parts), name, s.data.highlight);
  const config = { ...s.data.configs[name], responsive: true };
  if (narrow) config.displayModeBar = false; // its files are buttons under the charts
  const Plotly = await loadPlotly(s.data.plotly);
  if (div._fullLayout) await Plotly.react(div, figure.data, figure.layout, config);
  else {
    await Plotly.newPlot(div, figure.data, figure.layout, config);
    div.on('plotly_click', (event) => {
      const point = event.points && event.points[0];
      const data = point && point.customdata;
      const ref = Array.isArray(data) ? data[0] : data;
      if (typeof ref === 'string' && ref.includes(':')) openMark(s, ref);
    });
  }
  // the drawing's own text (ticks, names run together) is not read out: the figure's name is
  div.querySelectorAll('svg.main-svg').forEach((g) => g.setAttribute('aria-hidden', 'true'));
  div.querySelectorAll('.modebar a, .modebar button').forEach((b) => b.setAttribute('tabindex', '-1'));
}

// Every window's plots drawn once are kept (at most MAX_KEPT windows, the least recently shown
// dropped first): a move of the window to a kept one swaps the plots in (a few DOM changes)
// instead of redrawing both charts (Plotly.react: thousands, 120-150 ms of the page's thread).
const MAX_KEPT = 12;
const onScreen = (div) => !!div.parentElement && div.parentElement.classList.contains('maplive-figure');

function keep(s, stamp, plots) {
  s.kept.delete(stamp);
  s.kept.set(stamp, plots);
  for (const [other, old] of [...s.kept]) {
    if (s.kept.size <= MAX_KEPT) break;
    if (other === stamp || CHARTS.some((n) => onScreen(old[n]))) continue;
    s.kept.delete(other);
    for (const n of CHARTS) {
      if (window.Plotly) window.Plotly.purge(old[n]);
      old[n].remove();
    }
  }
}

async function showPlots(root, s, stamp, entry, narrow) {
  const figures = CHARTS.map((n) => root.querySelector(`.maplive-chart[data-chart="${n}"] .maplive-figure`));
  const current = figures.map((f) => f.querySelector(':scope > .maplive-plot'));
  const ready = s.kept.get(stamp);
  if (ready) {
    CHARTS.forEach((n, i) => {
      if (current[i] !== ready[n]) {
        if (current[i]) s.store.append(current[i]);
        figures[i].append(ready[n]);
      }
    });
    keep(s, stamp, ready);
    const Plotly = window.Plotly;
    for (const [i, n] of CHARTS.entries()) {
      const width = figures[i].clientWidth;
      const div = ready[n];
      if (Plotly && div._fullLayout && width && Math.abs(div._fullLayout.width - width) > 1) await Plotly.Plots.resize(div);
    }
    return;
  }
  // drawn in place: the plots on screen now show this window, and no longer the one they showed
  for (const [other, plots] of [...s.kept]) if (CHARTS.some((n, i) => plots[n] === current[i])) s.kept.delete(other);
  const plots = {};
  CHARTS.forEach((n, i) => (plots[n] = current[i]));
  keep(s, stamp, plots);
  await Promise.all(CHARTS.map((n, i) => plotInto(s, current[i], n, entry, narrow)));
}

// While the page is idle, draw the windows one key press away (each end one date on or back),
// so the next move swaps kept plots in. No step starts while Python's rerun after a change or
// a click is under way, nor within SETTLE ms of a change; a change stops the round.
const SETTLE = 250;

function neighbours(s) {
  const last = s.data.dates.length - 1;
  const out = [];
  for (const [a, b] of [[s.start + 1, s.end], [s.start - 1, s.end], [s.start, s.end - 1], [s.start, s.end + 1]]) {
    const start = Math.max(0, Math.min(a, last));
    const end = Math.max(start, Math.min(Math.max(b, start), last));
    out.push([start, end]);
  }
  return out;
}

function predraw(root, narrow) {
  const s = root.__map;
  const seq = s.seq;
  const idle = window.requestIdleCallback || ((f) => setTimeout(f, 60));
  const step = async () => {
    if (s.seq !== seq || !root.isConnected) return;
    if (running() || performance.now() - (s.changed || 0) < SETTLE) {
      setTimeout(() => idle(step, { timeout: 2000 }), 100);
      return;
    }
    const next = neighbours(s)
      .map(([a, b]) => [`${s.data.dates[a]}..${s.data.dates[b]}`])
      .map(([key]) => [key, stampOf(s, key, narrow)])
      .find(([key, stamp]) => s.windows[key] && !s.kept.has(stamp));
    if (!next) return;
    const [key, stamp] = next;
    const entry = s.windows[key];
    const plots = {};
    for (const n of CHARTS) {
      const div = el('div', { class: 'maplive-plot' });
      s.stage.style.width = root.querySelector(`.maplive-chart[data-chart="${n}"] .maplive-figure`).clientWidth + 'px';
      s.stage.append(div);
      try {
        await plotInto(s, div, n, entry, narrow);
      } catch (err) {
        div.remove();
        return;
      }
      s.store.append(div);
      plots[n] = div;
    }
    if (s.kept.has(stamp)) CHARTS.forEach((n) => plots[n].remove()); // drawn meanwhile
    else keep(s, stamp, plots);
    idle(step, { timeout: 2000 });
  };
  idle(step, { timeout: 2000 });
}

// The window's lists (the district ranking, the attacks) are elements of their own beside the
// charts (openers.js): this one holds every window's rows and has them drawn at once, before
// Python's rerun sends the same rows (not drawn again).
function showLists(s, entry) {
  for (const [key, rows] of Object.entries(resolve(entry.view.lists || {}, entry.parts))) {
    const list = { ...s.data.words.lists[key], ...rows };
    document.dispatchEvent(new CustomEvent('openers:rows', { detail: { key, seq: s.seq, list } }));
  }
}

const stampOf = (s, key, narrow) => JSON.stringify([key, s.data.highlight, narrow, s.version]);

async function draw(root) {
  const s = root.__map;
  const narrow = root.clientWidth < TOOLBAR_MIN; // read before the page is changed
  showControls(root, s);
  const key = windowKey(s);
  const entry = s.windows[key];
  const status = root.querySelector('.maplive-status');
  if (!entry) {
    // not sent yet: Python sends it after the state change
    setText(status, s.data.words.updating);
    setAttr(root, 'aria-busy', 'true');
    if (s.asked !== s.seq) tell(s);
    return;
  }
  setText(status, '');
  setAttr(root, 'aria-busy', null);
  const stamp = stampOf(s, key, narrow);
  if (s.stamp === stamp) {
    if (s.drawnOnce) predraw(root, narrow); // windows may have arrived since: draw their plots ahead
    return;
  }
  s.stamp = stamp;
  const began = performance.now();
  showLists(s, entry);
  for (const name of CHARTS) showWords(root, s, name, entry.view[name]);
  await showPlots(root, s, stamp, entry, narrow);
  if (s.stamp !== stamp) return;
  setAttr(root, 'data-drawn', key); // for tests: the window on screen
  root.dataset.drawMs = String(Math.round(performance.now() - began)); // for benchmarks
  s.drawnOnce = true;
  askLater(root);
  predraw(root, narrow);
}

// Python builds the other windows in a thread after the first visit, and each answer carries
// those built since: until the element holds them all (Python says they are all built, and
// none is missing here: a send can be lost), it asks again now and then, while nothing else is
// happening, so the next move of the window draws here instead of waiting for Python.
const ASK_FIRST = 1000; // the windows one step away are built first: about 0.2 s each
const ASK_EVERY = 3000;
const ASKS = 50; // two and a half minutes: the build takes 20-50 s on a loaded 2-core machine
const holdsAll = (s) => {
  const n = s.data.dates.length;
  return s.data.complete && held(s).length >= (n * (n + 1)) / 2;
};
function askLater(root) {
  const s = root.__map;
  if (holdsAll(s) || s.waiting || (s.asks || 0) >= ASKS) return;
  s.waiting = setTimeout(() => {
    s.waiting = null;
    if (!root.isConnected || holdsAll(s)) return;
    if (running()) return askLater(root);
    s.asks = (s.asks || 0) + 1;
    s.setStateValue('window', {
      start: s.data.dates[s.start],
      end: s.data.dates[s.end],
      seq: s.seq,
      held: held(s),
      version: s.version,
      ask: s.asks,
    });
    askLater(root); // until every window is built and held here (a payload may not change)
  }, s.asks ? ASK_EVERY : ASK_FIRST);
}

// Python sends the payload as one JSON text: parsed once per text.
let lastText = null;
let lastData = null;
function payload(wrapped) {
  if (wrapped.payload !== lastText) {
    lastText = wrapped.payload;
    lastData = JSON.parse(lastText);
  }
  return lastData;
}

export default function (component) {
  const { parentElement, setStateValue, setTriggerValue } = component;
  const data = payload(component.data);
  let root = parentElement.querySelector('.maplive');
  if (!root) {
    root = el('div', { class: 'maplive' });
    root.__map = { id: data.id, seq: 0, windows: {}, start: 0, end: 0 };
    parentElement.append(root);
  }
  const s = root.__map;
  Object.assign(s, { data, setStateValue, setTriggerValue });
  if (s.version !== data.version) {
    s.windows = {}; // another sector choice, data version or language: every window is new
    s.stamp = null;
    if (s.kept) {
      for (const [stamp, plots] of [...s.kept]) {
        if (CHARTS.some((n) => onScreen(plots[n]))) continue;
        for (const n of CHARTS) {
          if (window.Plotly) window.Plotly.purge(plots[n]);
          plots[n].remove();
        }
        s.kept.delete(stamp);
      }
    }
  }
  s.version = data.version;
  for (const [key, view] of Object.entries(data.windows)) s.windows[key] = { parts: data.parts, view };
  const said = JSON.stringify(data.words);
  if (s.said !== said) {
    if (s.kept) for (const plots of s.kept.values()) for (const n of CHARTS) if (window.Plotly) window.Plotly.purge(plots[n]);
    root.replaceChildren(); // a new mount, or another language: the element's words drawn anew
    skeleton(root, s);
    s.said = said;
    s.stamp = null;
  }
  setAttr(root, 'data-windows', String(Object.keys(s.windows).length)); // for tests and benchmarks
  if (holdsAll(s) && s.waiting) {
    clearTimeout(s.waiting);
    s.waiting = null;
  }
  if (data.seq >= s.seq) {
    // Python's window (the URL, a link) unless a newer local change waits
    s.seq = data.seq;
    s.start = Math.max(0, data.dates.indexOf(data.current.start));
    s.end = Math.max(s.start, data.dates.indexOf(data.current.end));
  }
  draw(root);
  askLater(root);
}
