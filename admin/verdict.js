// `check`'s verdict for the file just saved, shown beside the form. Why: a save said only
// «Oppføring lagret», while an error kept the preview on the old version and was printed in a
// terminal the editor may not watch. The preview writes sjekk.json after each save
// (innomed/preview/verdict.py); this reads it until it is newer than the save.
const POLL_MS = 1000;
const WAIT_MS = 60000;

function where(error) {
  return `linje ${error.line}, ${error.field}: ${error.message}`;
}

// { ok, title, items }: what to say about `path` (the saved file, relative to the clone).
export function messagesFor(verdict, path) {
  const own = verdict.errors.filter((error) => error.path === path);
  const others = verdict.errors.filter((error) => error.path !== path);
  if (verdict.problem && !verdict.errors.length) {
    return { ok: false, title: verdict.problem, items: [] };
  }
  if (own.length) {
    return {
      ok: false,
      title:
        `Sjekken fant ${own.length} feil i ${path}. Forhåndsvisningen viser forrige ` +
        'versjon til feilene er rettet:',
      items: own.map(where),
    };
  }
  if (others.length) {
    return {
      ok: false,
      title:
        `Ingen feil i ${path}, men sjekken fant ${others.length} feil i andre filer, så ` +
        'forhåndsvisningen viser forrige versjon:',
      items: others.map((error) => error.text),
    };
  }
  return {
    ok: true,
    title: `Sjekket: ingen feil i ${path}. Forhåndsvisningen viser endringen.`,
    items: [],
  };
}

function banner(doc) {
  let box = doc.getElementById('innomed-sjekk');
  if (!box) {
    box = doc.createElement('section');
    box.id = 'innomed-sjekk';
    box.setAttribute('role', 'status');
    box.setAttribute('aria-live', 'polite');
    box.setAttribute('aria-label', 'Sjekk av innholdet');
    doc.body.append(box);
  }
  return box;
}

export function show(doc, message) {
  const box = banner(doc);
  box.className = message.ok ? 'innomed-sjekk-ok' : 'innomed-sjekk-feil';
  box.replaceChildren();
  const title = doc.createElement('p');
  title.textContent = message.title;  // text, never HTML: messages quote the content
  box.append(title);
  if (message.items.length) {
    const list = doc.createElement('ul');
    for (const item of message.items) {
      const line = doc.createElement('li');
      line.textContent = item;
      list.append(line);
    }
    box.append(list);
  }
  const close = doc.createElement('button');
  close.type = 'button';
  close.textContent = 'Lukk';
  close.addEventListener('click', () => box.remove());
  box.append(close);
}

async function waitForVerdict(win, since) {
  const until = Date.now() + WAIT_MS;
  while (Date.now() < until) {
    try {
      const response = await win.fetch(`sjekk.json?t=${Date.now()}`, { cache: 'no-store' });
      // 404 until the preview has checked a first save: keep asking.
      if (response.ok) {
        const verdict = await response.json();
        if (verdict.checked >= since) return verdict;
      }
    } catch {
      // the preview is restarting: try again
    }
    await new Promise((resolve) => win.setTimeout(resolve, POLL_MS));
  }
  return null;
}

export function watchSaves(CMS, win) {
  CMS.registerEventListener({
    name: 'postSave',
    handler: ({ entry }) => {
      const path = entry.get('path');
      const since = Date.now() / 1000; // the preview runs on this machine: one clock
      show(win.document, { ok: true, title: `Lagret. Sjekker ${path} …`, items: [] });
      waitForVerdict(win, since).then((verdict) => {
        if (verdict) show(win.document, messagesFor(verdict, path));
        else {
          // A preview without publish_verdict (or stopped) never answers: say where to look.
          show(win.document, {
            ok: true,
            title: 'Lagret. Forhåndsvisningen sendte ikke svar fra sjekken; se terminalen der ' +
              '`make edit` kjører.',
            items: [],
          });
        }
      });
    },
  });
}
