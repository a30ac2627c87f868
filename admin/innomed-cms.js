// InnoMed's additions to Decap CMS: a front-matter format that edits the file in place, and
// file names made from titles the way the rest of the site makes them.
//
// Why: Decap's own markdown format writes the whole front matter anew (flow lists become
// block lists, quotes and comments vanish, long strings fold), so a one-word change gave a
// diff of dozens of lines. This format keeps the parsed YAML document (npm `yaml`, which keeps
// comments, styles and key order) and changes only the keys whose values changed.
//
// Plain ES module, no build step: the site build copies yaml's browser build next to it.
import { parseDocument, isCollection, isNode, isScalar, isSeq, Scalar } from './yaml/index.js';
import { NB_NO, mergePhrases } from './nb-no.js';
import { keepNaming } from './a11y.js';
import { guardUploads } from './uploads.js';
import { watchSaves } from './verdict.js';

const FENCE = /^---\r?\n([\s\S]*?\r?\n)?---(?:\r?\n|$)/;
// The original file travels with the entry under this key (Decap keeps keys it has no
// field for), so saving can start from what the file said.
const SOURCE = '__innomed_source';
// The front-matter keys the file has, for a collection `filter` (Decap filters on a value in
// the entry's data only): podcast/ holds the series' index.md beside the episodes, and only
// episodes have `number` (innomed/cms/decap.py).
const KEYS = '__innomed_keys';
// No folding at 80 columns, and flow lists as editors write them: [Nord, Vest].
const WRITE = { lineWidth: 0, flowCollectionPadding: false };

export function splitFile(text) {
  const match = FENCE.exec(text);
  if (!match) return { front: '', body: text, fenced: false };
  return { front: match[1] || '', body: text.slice(match[0].length), fenced: true };
}

export function fromFile(text) {
  const { front, body } = splitFile(text);
  const doc = parseDocument(front);
  const data = doc.toJS() || {};
  return { ...data, body, [SOURCE]: text, [KEYS]: Object.keys(data) };
}

function empty(value) {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'object' && !Array.isArray(value) && Object.values(value).every(empty))
  );
}

function blankItem(item) {
  return item === undefined || item === null || (typeof item === 'string' && item.trim() === '');
}

// Decap hands back what its widgets hold: drop the empty parts it adds (an untouched optional
// field in an object, an empty string) before comparing with the file.
function clean(value) {
  // A box added to a list and left blank is not an item (a text with spaces in it is).
  if (Array.isArray(value)) return value.filter((item) => !blankItem(item)).map(clean);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [key, item] of Object.entries(value)) {
      if (!empty(item)) out[key] = clean(item);
    }
    return out;
  }
  return value;
}

function same(a, b) {
  return JSON.stringify(normal(a)) === JSON.stringify(normal(b));
}

// `regions: Nord` and `regions: [Nord]` mean the same; numbers typed as text are numbers.
function normal(value) {
  if (Array.isArray(value)) return value.map(normal);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((key) => !empty(value[key]))
        .map((key) => [key, normal(value[key])]),
    );
  }
  return value;
}

// A new value keeps the look of the old one: a flow list stays a flow list, a quoted string
// stays quoted.
function nodeLike(doc, old, value) {
  const node = doc.createNode(value);
  if (isCollection(old) && isCollection(node)) node.flow = old.flow;
  if (isScalar(old) && isScalar(node) && typeof value === 'string') {
    if (old.type === Scalar.QUOTE_DOUBLE || old.type === Scalar.QUOTE_SINGLE) node.type = old.type;
  }
  return node;
}

function setIn(doc, path, old, value) {
  // An item added to or removed from a list: the other items stay the nodes they were, with
  // their quotes and comments, and in a block list only that item's line changes.
  if (Array.isArray(value) && isSeq(old) && old.items.length !== value.length) {
    const before = old.items.map((item) => clean(isNode(item) ? item.toJSON() : item));
    const after = clean(value);
    let start = 0;
    while (start < before.length && start < after.length && same(before[start], after[start])) {
      start += 1;
    }
    let end = 0;
    while (
      end < before.length - start &&
      end < after.length - start &&
      same(before[before.length - 1 - end], after[after.length - 1 - end])
    ) {
      end += 1;
    }
    const added = after.slice(start, after.length - end).map((item) => doc.createNode(item));
    old.items.splice(start, before.length - start - end, ...added);
    return;
  }
  // Lists change item by item, so one edited item is one hunk (support, contacts) and the
  // items beside it keep their look (a quoted item in [A, "B"] stays quoted).
  if (Array.isArray(value) && isSeq(old) && old.items.length === value.length) {
    value.forEach((item, index) => {
      const oldItem = old.items[index];
      if (!same(clean(oldItem && oldItem.toJSON ? oldItem.toJSON() : oldItem), clean(item))) {
        setIn(doc, [...path, index], oldItem, item);
      }
    });
    return;
  }
  if (value && typeof value === 'object' && !Array.isArray(value) && old && old.items && !old.flow) {
    const oldJS = old.toJSON() || {};
    for (const key of Object.keys(oldJS)) {
      if (empty(value[key])) doc.deleteIn([...path, key]);
    }
    for (const [key, item] of Object.entries(value)) {
      if (empty(item) || same(oldJS[key], item)) continue;
      setIn(doc, [...path, key], old.get(key, true), item);
    }
    return;
  }
  doc.setIn(path, nodeLike(doc, old, value));
}

// Required lists where [] is an answer ("not known"), so an empty list is written, not left
// out (innomed/cms/decap.py lists them; a test keeps the two in step).
export const REQUIRED_LISTS = ['regions'];

export function toFile(data, sortedKeys = []) {
  const { body = '', [SOURCE]: source, [KEYS]: _keys, ...rest } = data;
  const fields = clean(rest);
  for (const key of REQUIRED_LISTS) {
    if ((key in rest || sortedKeys.includes(key)) && empty(fields[key])) fields[key] = [];
  }
  if (typeof source === 'string') {
    const original = splitFile(source);
    const doc = parseDocument(original.front);
    const before = doc.toJS() || {};
    for (const key of Object.keys(before)) {
      if (!(key in fields) && !empty(before[key])) doc.delete(key);
    }
    for (const [key, value] of Object.entries(fields)) {
      if (key in before ? same(before[key], value) : empty(value) && !REQUIRED_LISTS.includes(key)) {
        continue;
      }
      if (key in before) setIn(doc, [key], doc.get(key, true), value);
      else doc.set(key, doc.createNode(value));
    }
    const front = same(before, fields) ? original.front : doc.toString(WRITE);
    // The body widget may trim the text; keep the file's own if only that differs.
    const keptBody = body.trim() === original.body.trim() ? original.body : body;
    return original.fenced ? `---\n${front}---\n${keptBody}` : `---\n${front}---\n${body}`;
  }
  // A new file: the form's order, empty fields left out, short lists on one line.
  const doc = parseDocument('{}');
  doc.contents = doc.createNode({});
  const order = [...sortedKeys, ...Object.keys(fields).filter((k) => !sortedKeys.includes(k))];
  // `slug` as the title gives it is the default: write it only when the editor chose another.
  if (Object.values(PREFIXES).some((p) => fields.slug === pathautoSlug(fields.title || '', p))) {
    delete fields.slug;
  }
  for (const key of order) {
    if (key === 'body' || (empty(fields[key]) && !REQUIRED_LISTS.includes(key))) continue;
    const node = doc.createNode(fields[key]);
    if (Array.isArray(fields[key]) && fields[key].every((v) => typeof v !== 'object')) {
      node.flow = true;
    }
    doc.set(key, node);
  }
  const text = doc.toString(WRITE);
  const lead = body.startsWith('\n') || body === '' ? '' : '\n';
  return `---\n${text}---\n${lead}${body}`;
}

// The address rules of the old Drupal site (innomed/model/slugs.py): æ -> ae, ø -> o, å -> a,
// English stop words dropped, the whole path at most 100 characters.
const STOPWORDS = new Set(
  ('a an as at before but by for from is in into like of off on onto per since than the ' +
    'this that to up via with').split(' '),
);
const LETTERS = [['æ', 'ae'], ['Æ', 'ae'], ['ø', 'o'], ['Ø', 'o'], ['å', 'a'], ['Å', 'a']];
// What each type's addresses start with (registry.py `page`), for the length limit.
export const PREFIXES = {
  project: 'prosjekt/',
  report: 'rapporter/',
  news: 'aktuelt/',
  tool: 'verktoy/',
  episode: 'podcast/',
};

export function pathautoSlug(title, prefix = 'prosjekt/') {
  const max = 100 - prefix.length;
  let text = String(title);
  for (const [from, to] of [...LETTERS, ["'", ''], ['’', ''], ['.', '']]) {
    text = text.split(from).join(to);
  }
  text = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  text = text.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const words = text.split('-').filter((word) => word && !STOPWORDS.has(word));
  text = words.join('-');
  if (text.length <= max) return text;
  let out = '';
  for (const word of words) {
    const next = out ? `${out}-${word}` : word;
    if (next.length > max) break;
    out = next;
  }
  return out || text.slice(0, max);
}

// An image needs alt text or `decorative: true` (innomed/model/models.py Image), and an image in the
// text needs its description between the brackets (innomed/model/body_checks.py). Decap cannot make
// a field required only when another is filled in, so this runs before saving, with the
// fields' labels in the message, and the save stops on the editor's screen instead of in
// `check` later.
const BODY_IMAGE = /!\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g;

function blank(value) {
  return typeof value !== 'string' || value.trim() === '';
}

export function missingAltText(data) {
  const problems = [];
  const image = data.image;
  if (image && !blank(image.file) && !image.decorative && blank(image.alt)) {
    problems.push(
      `Bildet «${image.file}» mangler alternativ tekst. Skriv hva bildet viser i feltet ` +
        '«Alternativ tekst», eller kryss av for «Bare pynt» hvis bildet bare er pynt.',
    );
  }
  let fenced = false;
  for (const line of String(data.body || '').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (fenced) continue;
    for (const [, alt, target] of line.matchAll(BODY_IMAGE)) {
      if (blank(alt)) {
        problems.push(
          `Bildet «${target}» i teksten mangler alternativ tekst. Skriv hva bildet viser ` +
            `mellom klammene: ![beskrivelse av bildet](${target}).`,
        );
      }
    }
  }
  return problems;
}

// Decap shows a failed save as «Kunne ikke lagre: <the error as text>»; without a name the
// text is the message alone, not «Error: ...».
function refusal(message) {
  const error = new Error(message);
  error.name = '';
  return error;
}

export function register(CMS) {
  CMS.registerCustomFormat('innomed-frontmatter', 'md', { fromFile, toFile });
  CMS.registerLocale('nb_no', mergePhrases(CMS.getLocale('nb_no') || {}, NB_NO));
  guardUploads(window);
  keepNaming(window);
  // `make edit` only: there the preview checks each save and writes sjekk.json.
  if (['127.0.0.1', 'localhost'].includes(window.location.hostname)) watchSaves(CMS, window);
  // A new entry's file is named after its title by the site's rules; `slug` itself is
  // written only when the editor chose a different address.
  CMS.registerEventListener({
    name: 'preSave',
    handler: ({ entry }) => {
      const data = entry.get('data');
      const problems = missingAltText(data.toJS());
      if (problems.length) throw refusal(problems.join(' '));
      if (!entry.get('newRecord') || data.get('slug')) return data;
      const prefix = PREFIXES[entry.get('collection')] || '';
      return data.set('slug', pathautoSlug(data.get('title') || '', prefix));
    },
  });
}

export const SOURCE_KEY = SOURCE;
