// A titled list of buttons that open evidence: one element for what used to be a Streamlit
// button and a caption per row (a date window's change redrew every one of them). Each row is a
// native button (its label) with its details beside it; a click or Enter is the trigger `open`
// with the row's reference. Every text is set with textContent, never parsed as HTML.

function el(tag, attrs = {}, text = null) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== null) node.textContent = text;
  return node;
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const list = JSON.parse(data.payload);
  let root = parentElement.querySelector('.openers');
  if (!root) {
    root = el('div', { class: 'openers' });
    root.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-ref]');
      if (button) setTriggerValue('open', button.dataset.ref);
    });
    parentElement.append(root);
  }
  if (root.__payload === data.payload) return; // the same list: nothing to redraw
  root.__payload = data.payload;
  const id = `openers-${list.key}`;
  const title = el('p', { class: 'openers-title', id }, list.title);
  if (!list.rows.length) {
    root.replaceChildren(title, el('p', { class: 'openers-empty' }, list.empty));
    return;
  }
  const items = el('ul', { class: 'openers-rows', 'aria-labelledby': id });
  for (const [label, detail, ref] of list.rows) {
    const item = el('li');
    const button = el('button', { type: 'button', 'data-ref': ref }, label);
    item.append(button, el('span', { class: 'openers-detail' }, detail));
    items.append(item);
  }
  root.replaceChildren(title, items);
}
