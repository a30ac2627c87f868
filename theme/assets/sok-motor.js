/*
 * InnoMed: the search engine for the static index innomed/search/index.py writes into
 * sokeindeks/. innomed-search.js imports this module on the visitor's first query; no page
 * view loads it. What a query downloads: manifest.json (the list of shards), the shard of
 * each query word (ord/<first two or three letters of its stem>.json) and, for each result shown,
 * that page's document (side/<id>.json). The filter data (filtre.json) grows with the
 * archive and is fetched only by filters(), when the visitor opens "Avgrens treff".
 *
 * Words, stems and shard names follow innomed/search/text.py rule for rule; the stemmer is a
 * hand port of snowballstemmer 3.1.1's Norwegian stemmer (norwegian_stemmer.py), which strips
 * bokmål and nynorsk endings alike. tests/test_search_engine.py compares the two.
 *
 * API, the part of Pagefind's that innomed-search.js used: options({baseUrl, indexUrl}),
 * filters(), search(query | null, {filters: {name: {any: [values]}}}) ->
 * {results: [{id, score, data()}], filters: {name: {value: count}}}; data() ->
 * {url, meta: {title}, parts: [{text, mark}], filters: {type: [type]}}. `parts` is the
 * excerpt as plain strings: the page shows it with text nodes and <mark>, never as HTML.
 */

const FORMAT = 1; // innomed/search/index.py FORMAT
const EXCERPT_WORDS = 30;
const BEFORE_MATCH = 8; // words shown before the first match

let baseUrl = "/";
let indexUrl = "sokeindeks/";
let manifest = null; // promise
const shards = new Map(); // shard key -> promise of {stem: postings}
const documents = new Map(); // page id -> promise of its document
let filterData = null; // promise of {name: {values, byPage}}
let filtersReady = null; // the resolved filter data, once loaded

export function options(settings) {
  if (settings.baseUrl) baseUrl = settings.baseUrl;
  if (settings.indexUrl) indexUrl = settings.indexUrl.replace(/\/?$/, "/");
}

// Every file but the manifest is asked for with the index's version (?v=): a browser that
// cached an earlier build's files must not mix them with this build's page ids. The manifest
// is revalidated with the server on each visit (no-cache), which is what brings a new version.
function fetchJson(path, version) {
  const address = indexUrl + path + (version ? "?v=" + encodeURIComponent(version) : "");
  const settings = version ? {} : { cache: "no-cache" };
  return fetch(address, settings).then(function (response) {
    if (!response.ok) throw new Error("søkeindeksen svarte " + response.status + " for " + path);
    return response.json();
  });
}

// ------------------------------------------------------------------ words and stems

export function words(text) {
  return String(text || "").toLowerCase().normalize("NFC").split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

const VOWELS = new Set("aeiouyåæêòóôø");
const S_ENDING = new Set("bcdfghjlmnoptvyz");
// Suffix -> what to do (Snowball's among a_1): 1 delete, 2 "ers", 3 "s", 4 replace by "er".
const MAIN_SUFFIX = {
  a: 1, e: 1, ede: 1, ande: 1, ende: 1, ane: 1, ene: 1, hetene: 1, erte: 4, en: 1, heten: 1,
  ar: 1, er: 1, heter: 1, s: 3, as: 1, es: 1, edes: 1, endes: 1, enes: 1, hetenes: 1, ens: 1,
  hetens: 1, ers: 2, ets: 1, et: 1, het: 1, ert: 4, ast: 1
};
// Before "ers" (among a_0): 1 deletes "ers", -1 keeps it; the longest match decides.
const BEFORE_ERS = {
  "": 1, ind: -1, kk: -1, nk: -1, amm: -1, omm: -1, kap: -1, skap: 1, pp: -1, lt: -1,
  ast: -1, "øst": -1, v: -1, hav: 1, giv: 1
};
const CONSONANT_PAIR = { dt: 1, vt: 1 };
const OTHER_SUFFIX = {
  leg: 1, eleg: 1, ig: 1, eig: 1, lig: 1, elig: 1, els: 1, lov: 1, elov: 1, slov: 1, hetslov: 1
};

// The longest key of `table` that chars[from..to) ends with (Snowball's find_among_b).
// Each table's keys as code points, longest first: the first that fits and matches wins.
const BY_LENGTH = new Map();
function longestSuffix(table, chars, from, to) {
  if (!BY_LENGTH.has(table)) {
    BY_LENGTH.set(table, Object.keys(table).map(function (key) { return Array.from(key); })
      .sort(function (a, b) { return b.length - a.length; }));
  }
  const keys = BY_LENGTH.get(table);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    if (key.length > to - from) continue;
    let i = 0;
    while (i < key.length && chars[to - key.length + i] === key[i]) i++;
    if (i === key.length) return key.join("");
  }
  return null;
}

// R1: after the first non-vowel that follows a vowel (or after an apostrophe), at least 3.
function region(chars) {
  let p1 = chars.length;
  const apostrophe = chars.indexOf("'");
  if (apostrophe >= 0) {
    p1 = apostrophe + 1;
  } else {
    let i = 0;
    while (i < chars.length && !VOWELS.has(chars[i])) i++;
    if (i < chars.length) {
      i++;
      while (i < chars.length && VOWELS.has(chars[i])) i++;
      if (i < chars.length) p1 = i + 1;
    }
  }
  return Math.max(p1, 3);
}

// May an "s" at `at` go? After a valid s-ending, after "r" not preceded by "e", or after "k"
// preceded by a non-vowel.
function sEnding(chars, at) {
  if (at <= 0) return false;
  const before = chars[at - 1];
  if (S_ENDING.has(before)) return true;
  if (before === "r" && !(at - 1 > 0 && chars[at - 2] === "e")) return true;
  return before === "k" && at - 1 > 0 && !VOWELS.has(chars[at - 2]);
}

export function stem(word) {
  let chars = Array.from(word); // code points, as Python indexes a str
  if (chars.length < 3) return word;
  const p1 = region(chars);
  const main = longestSuffix(MAIN_SUFFIX, chars, p1, chars.length);
  if (main !== null) {
    const cut = chars.length - Array.from(main).length;
    const action = MAIN_SUFFIX[main];
    if (action === 1) chars = chars.slice(0, cut);
    else if (action === 2) {
      if (BEFORE_ERS[longestSuffix(BEFORE_ERS, chars, 0, cut)] === 1) chars = chars.slice(0, cut);
    } else if (action === 3) {
      if (sEnding(chars, cut)) chars = chars.slice(0, cut);
    } else chars = chars.slice(0, cut).concat(["e", "r"]);
  }
  if (longestSuffix(CONSONANT_PAIR, chars, p1, chars.length) !== null) chars = chars.slice(0, -1);
  const other = longestSuffix(OTHER_SUFFIX, chars, p1, chars.length);
  if (other !== null) chars = chars.slice(0, chars.length - Array.from(other).length);
  if (chars.length && chars[chars.length - 1] === "'") chars = chars.slice(0, -1);
  return chars.join("");
}

// A stem's shard: its first two letters, or three where the two-letter shard was split
// (innomed/search/text.py shard_layout). A two-letter last word then finds only the stems of
// two letters: typing a third letter narrows the prefix to one small shard.
export function shardKey(index, stemmed) {
  const chars = Array.from(stemmed);
  const two = chars.slice(0, 2).join("");
  return index.split.has(two) && chars.length > 2 ? chars.slice(0, 3).join("") : two;
}

// "sy" -> "sy", "øk" -> "_f8_k" (innomed/search/text.py shard_name).
export function shardName(key) {
  return Array.from(key).map(function (c) {
    return /^[A-Za-z0-9]$/.test(c) ? c : "_" + c.codePointAt(0).toString(16) + "_";
  }).join("");
}

// ------------------------------------------------------------------ the index files

function loadManifest() {
  if (!manifest) {
    manifest = fetchJson("manifest.json").then(function (data) {
      if (data.format !== FORMAT) throw new Error("ukjent format på søkeindeksen");
      data.keys = new Set(data.shards);
      data.split = new Set(data.split);
      return data;
    });
    manifest.catch(function () { manifest = null; }); // a later query tries again
  }
  return manifest;
}

function loadShard(index, key) {
  if (!index.keys.has(key)) return Promise.resolve({}); // no stem starts so: no request
  if (!shards.has(key)) {
    const loading = fetchJson("ord/" + shardName(key) + ".json", index.version);
    shards.set(key, loading);
    loading.catch(function () { shards.delete(key); });
  }
  return shards.get(key);
}

// [gaps..., levels...] -> page ids and levels.
function decode(postings) {
  const half = postings.length / 2;
  const ids = new Array(half);
  let id = 0;
  for (let i = 0; i < half; i++) ids[i] = id += postings[i];
  return { ids: ids, levels: postings.slice(half) };
}

function idf(found, pages) {
  return Math.log(1 + (pages - found + 0.5) / (found + 0.5));
}

// A query word: every word but the last must match a stem exactly; the last (if longer than
// one letter) is a prefix of the stems it finds, so "sykeh" finds "sykehus".
function term(word, last) {
  const stemmed = stem(word);
  return { word: word, stem: stemmed, prefix: last && Array.from(word).length > 1 };
}

function matches(t, candidate) {
  return t.prefix ? candidate.startsWith(t.stem) || candidate.startsWith(t.word)
    : candidate === t.stem;
}

// Page id -> score of one query word (the best of its stems on that page).
function scoresOf(index, t) {
  return loadShard(index, shardKey(index, t.stem)).then(function (table) {
    const scores = new Map();
    Object.keys(table).filter(function (s) { return matches(t, s); }).forEach(function (s) {
      const postings = decode(table[s]);
      const weight = idf(postings.ids.length, index.pages);
      postings.ids.forEach(function (id, i) {
        const score = weight * postings.levels[i];
        if (!(scores.get(id) >= score)) scores.set(id, score);
      });
    });
    return scores;
  });
}

// ------------------------------------------------------------------ filters

// name -> {values: [value...], byPage: page id -> [values]}
export function filters() {
  if (!filterData) {
    filterData = loadManifest().then(function (index) {
      return Promise.all([index, fetchJson("filtre.json", index.version)]);
    }).then(function (both) {
      const pages = both[0].pages;
      const data = {};
      Object.keys(both[1]).forEach(function (name) {
        const byPage = new Array(pages);
        const values = Object.keys(both[1][name]);
        values.forEach(function (value) {
          let id = 0;
          both[1][name][value].forEach(function (gap) {
            id += gap;
            (byPage[id] = byPage[id] || []).push(value);
          });
        });
        data[name] = { values: values, byPage: byPage };
      });
      filtersReady = data;
      return data;
    });
    filterData.catch(function () { filterData = null; });
  }
  return filterData;
}

function chosenOf(options) {
  const chosen = {};
  const given = (options && options.filters) || {};
  Object.keys(given).forEach(function (name) {
    const any = (given[name] && given[name].any) || [];
    if (any.length) chosen[name] = new Set(any);
  });
  return chosen;
}

// Does page `id` have one of the chosen values of every chosen filter (except `skip`)?
function passes(data, chosen, id, skip) {
  return Object.keys(chosen).every(function (name) {
    if (name === skip) return true;
    const values = (data[name] && data[name].byPage[id]) || [];
    return values.some(function (value) { return chosen[name].has(value); });
  });
}

// For each filter value: how many of the query's pages have it, with the other filters'
// choices applied (so the values of one filter can be combined with "any").
function counts(data, chosen, ids) {
  const result = {};
  Object.keys(data).forEach(function (name) {
    const count = {};
    data[name].values.forEach(function (value) { count[value] = 0; });
    ids.forEach(function (id) {
      if (!passes(data, chosen, id, name)) return;
      (data[name].byPage[id] || []).forEach(function (value) { count[value] += 1; });
    });
    result[name] = count;
  });
  return result;
}

// ------------------------------------------------------------------ results

function loadDocument(index, id) {
  if (!documents.has(id)) {
    const loading = fetchJson("side/" + id + ".json", index.version);
    documents.set(id, loading);
    loading.catch(function () { documents.delete(id); });
  }
  return documents.get(id);
}

// ~30 words around the first match, the matching words marked: [{text, mark}].
export function excerpt(text, terms) {
  const pieces = String(text).split(/([^\p{L}\p{N}]+)/u); // words at even positions
  const known = new Map();
  function hit(piece) {
    if (!known.has(piece)) {
      const w = words(piece)[0] || "";
      const s = stem(w);
      known.set(piece, w !== "" && terms.some(function (t) { return matches(t, s); }));
    }
    return known.get(piece);
  }
  let first = 0;
  for (let i = 0; i < pieces.length && terms.length; i += 2) {
    if (hit(pieces[i])) { first = i; break; }
  }
  const start = Math.max(0, first - 2 * BEFORE_MATCH);
  const end = Math.min(pieces.length, start + 2 * EXCERPT_WORDS);
  const parts = [];
  function add(piece, mark) {
    const previous = parts[parts.length - 1];
    if (previous && !previous.mark && !mark) previous.text += piece;
    else if (piece) parts.push({ text: piece, mark: mark });
  }
  if (start > 0) add("… ", false);
  for (let i = start; i < end; i++) add(pieces[i], i % 2 === 0 && terms.length > 0 && hit(pieces[i]));
  if (end < pieces.length) add(" …", false);
  return parts;
}

function resultOf(index, id, score, terms) {
  return {
    id: id,
    score: score,
    data: function () {
      return loadDocument(index, id).then(function (page) {
        return {
          url: baseUrl + page.url,
          meta: { title: page.title },
          parts: excerpt(page.text, terms),
          filters: { type: page.type ? [page.type] : [] }
        };
      });
    }
  };
}

// Page id -> summed score of the pages that have every word (null: every page, score 0).
function matching(index, terms) {
  if (!terms.length) {
    const all = new Map();
    for (let id = 0; id < index.pages; id++) all.set(id, 0);
    return Promise.resolve(all);
  }
  return Promise.all(terms.map(function (t) { return scoresOf(index, t); })).then(function (each) {
    each.sort(function (a, b) { return a.size - b.size; });
    const found = new Map();
    each[0].forEach(function (score, id) {
      let total = score;
      for (let i = 1; i < each.length; i++) {
        if (!each[i].has(id)) return;
        total += each[i].get(id);
      }
      found.set(id, total);
    });
    return found;
  });
}

export function search(query, options) {
  const list = query === null ? [] : words(query);
  if (query !== null && !list.length) return Promise.resolve({ results: [], filters: {} });
  const terms = list.map(function (w, i) { return term(w, i === list.length - 1); });
  const chosen = chosenOf(options);
  const needFilters = Object.keys(chosen).length ? filters() : Promise.resolve(filtersReady);
  return Promise.all([loadManifest(), needFilters]).then(function (loaded) {
    const index = loaded[0];
    const data = loaded[1];
    return matching(index, terms).then(function (found) {
      const ids = Array.from(found.keys());
      const kept = data ? ids.filter(function (id) { return passes(data, chosen, id, null); }) : ids;
      kept.sort(function (a, b) { return found.get(b) - found.get(a) || a - b; });
      return {
        results: kept.map(function (id) { return resultOf(index, id, found.get(id), terms); }),
        filters: data ? counts(data, chosen, ids) : {}
      };
    });
  });
}
