// Names Decap leaves out, for screen readers and voice control (axe: button-name,
// aria-command-name, aria-input-field-name, frame-title). Decap renders its controls again on
// every change, so a MutationObserver names what appears; names already set are left alone.

// What one item of the list around `element` is called, from its «Legg til …» button.
function itemNoun(element) {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const add = [...node.querySelectorAll(':scope > div > button, :scope > button')].find((b) =>
      b.textContent.trim().startsWith('Legg til '),
    );
    if (add) return add.textContent.trim().slice('Legg til '.length);
  }
  return 'elementet';
}

function nameListItem(handle) {
  const bar = handle.parentElement;
  const item = bar.parentElement;
  const siblings = [...item.parentElement.children].filter((child) =>
    child.querySelector(':scope > div > [aria-roledescription="sortable"]'),
  );
  const noun = `${itemNoun(item)} ${siblings.indexOf(item) + 1}`;
  const buttons = [...bar.querySelectorAll(':scope > button')];
  const names = [[handle, `Flytt ${noun}`]];
  if (buttons.length) names.push([buttons[0], `Vis eller skjul ${noun}`]);
  if (buttons.length > 1) names.push([buttons[buttons.length - 1], `Fjern ${noun}`]);
  for (const [element, name] of names) {
    if (element.getAttribute('aria-label') !== name) element.setAttribute('aria-label', name);
  }
}

function labelFor(element) {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const label = node.querySelector(':scope > div > label, :scope > label');
    if (label) return label.firstChild ? label.firstChild.textContent.trim() : '';
  }
  return '';
}

export function nameControls(doc) {
  for (const handle of doc.querySelectorAll('[aria-roledescription="sortable"]')) {
    nameListItem(handle);
  }
  for (const editor of doc.querySelectorAll('[data-slate-editor]:not([aria-label])')) {
    const label = labelFor(editor);
    if (label) editor.setAttribute('aria-label', label);
  }
  for (const frame of doc.querySelectorAll('iframe:not([title])')) {
    frame.setAttribute('title', 'Forhåndsvisning av oppføringen');
  }
  // The loading bar Decap draws at the top is decoration; its progress is also said in text.
  for (const bar of doc.querySelectorAll('body > canvas:not([aria-hidden])')) {
    bar.setAttribute('aria-hidden', 'true');
  }
  // The editor screen has no landmark at all (the lists have a <main>): the whole app is the
  // main region there, and only there, so there is never a main inside a main.
  const root = doc.getElementById('nc-root');
  if (root) {
    const bare = !root.querySelector('main, [role="main"]:not(#nc-root)');
    if (bare && root.getAttribute('role') !== 'main') {
      root.setAttribute('role', 'main');
      root.setAttribute('aria-label', 'Redigering');
    } else if (!bare && root.hasAttribute('role')) {
      root.removeAttribute('role');
      root.removeAttribute('aria-label');
    }
  }
}

export function keepNaming(win) {
  let queued = false;
  const observer = new win.MutationObserver(() => {
    if (queued) return;
    queued = true;
    win.requestAnimationFrame(() => {
      queued = false;
      nameControls(win.document);
    });
  });
  observer.observe(win.document.body, { childList: true, subtree: true });
}
