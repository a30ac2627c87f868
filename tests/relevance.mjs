// Runs the browser's search engine (theme/assets/sok-motor.js, the file the site serves)
// under Node against a built site's index: fetch() reads the files from disk. Prints, for
// each query, the URLs of the first results in order (tests/relevance.py scores them).
//
//     node tests/relevance.mjs SITE ENGINE QUERIES.json  ->  [{query, urls, total}]
import { readFile } from "node:fs/promises";
import path from "node:path";

const [site, engine, queriesFile] = process.argv.slice(2);
const TOP = 5;

globalThis.fetch = async function (address) {
  const relative = decodeURIComponent(new URL(address).pathname);
  try {
    const body = await readFile(path.join(site, relative));
    return { ok: true, status: 200, json: async () => JSON.parse(body.toString("utf-8")) };
  } catch {
    return { ok: false, status: 404, json: async () => null };
  }
};

// The engine is a browser module with a .js name: imported from its source, as the browser
// does, whatever Node thinks a .js file is; so are its own relative imports (the stemmer).
async function moduleUrl(file) {
  let source = await readFile(file, "utf-8");
  const imports = [...source.matchAll(/from\s+["'](\.\.?\/[^"']+)["']/g)];
  for (const found of imports) {
    const inner = await moduleUrl(path.join(path.dirname(file), found[1]));
    source = source.replace(found[0], 'from "' + inner + '"');
  }
  return "data:text/javascript;base64," + Buffer.from(source).toString("base64");
}

const engineModule = await import(await moduleUrl(engine));
engineModule.options({ baseUrl: "/", indexUrl: "http://site.invalid/sokeindeks/" });
const queries = JSON.parse(await readFile(queriesFile, "utf-8"));
const out = [];
for (const item of queries) {
  const found = await engineModule.search(item.query, {});
  const urls = [];
  for (const result of found.results.slice(0, TOP)) urls.push((await result.data()).url);
  out.push({ query: item.query, urls: urls, total: found.results.length,
    suggestion: found.suggestion || null });
}
process.stdout.write(JSON.stringify(out));
