// What the app's browser elements share (live.js, maplive.js, openers.js): loading plotly.js once, and
// building and changing the page only where something changed. ui/component.py and
// ui/maplive.py and ui/openers.py put this text before each element's own script (one module each).

let plotly = null;

// plotly.js: the page's preloader (ui/component.preload) may have started loading it already.
function loadPlotly(src) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!plotly) {
    plotly = new Promise((resolve, reject) => {
      let tag = document.querySelector('script[data-live-plotly]');
      if (!tag) {
        tag = document.createElement('script');
        tag.src = new URL(src, document.baseURI).href;
        tag.dataset.livePlotly = '';
        document.head.appendChild(tag);
      }
      tag.addEventListener('load', () => {
        // the 4.x dist bundles' UMD wrapper names its export `moduleName` outside a module
        window.Plotly = window.Plotly || window.moduleName;
        resolve(window.Plotly);
      });
      tag.addEventListener('error', () => reject(new Error('plotly.js could not be loaded from ' + src)));
      if (window.Plotly) resolve(window.Plotly); // loaded between the first check and here
      else if (tag.dataset.failed !== undefined) reject(new Error('plotly.js could not be loaded from ' + src));
    });
  }
  return plotly;
}

function el(tag, attrs = {}, text = null) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== null) node.textContent = text;
  return node;
}

// Changes only where something changed: an equal write is still a DOM mutation to redraw.
function setText(node, words) {
  if (node.textContent !== words) node.textContent = words;
}
function setAttr(node, name, value) {
  if (value === null) {
    if (node.hasAttribute(name)) node.removeAttribute(name);
  } else if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}
const setHidden = (node, hidden) => setAttr(node, 'hidden', hidden ? '' : null);

// A chart's marks as a table whose rows open their evidence (a button each, by `data-ref`).
function marksTable(marks, words, cls) {
  const table = el('table', { class: cls });
  const head = el('tr');
  for (const name of [words.series, words.mark, words.evidence]) head.append(el('th', { scope: 'col' }, name));
  const thead = el('thead');
  thead.append(head);
  table.append(thead);
  const body = el('tbody');
  for (const [series, label, ref] of marks) {
    const row = el('tr');
    row.append(el('td', {}, series), el('td', {}, label));
    const cell = el('td');
    if (ref) {
      const button = el('button', { type: 'button', 'data-ref': ref }, words.open);
      button.setAttribute('aria-label', words.open_label.replace('{label}', label));
      cell.append(button);
    }
    row.append(cell);
    body.append(row);
  }
  table.append(body);
  return table;
}
