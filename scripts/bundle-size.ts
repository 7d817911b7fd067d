/**
 * npm run bundle:size: the size of the JavaScript a browser must fetch before the app can start, read
 * from the build in dist/client (run `npm run build` first). That is the entry chunk named by
 * index.html's module script plus every chunk it imports statically or index.html modulepreloads;
 * route pages and the English dictionary are dynamic imports and are not counted. Exits 1 when the
 * gzipped total is over the budget.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Gzipped bytes (1 kB = 1000 bytes, as Vite reports) allowed for the entry chunk and its static imports. */
export const ENTRY_BUDGET_GZIP = 120_000;

export const DIST_CLIENT = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/client');

export interface ChunkSize { file: string; raw: number; gzip: number }
export interface EntrySize { entry: ChunkSize; staticImports: ChunkSize[]; total: { raw: number; gzip: number } }

function sizeOf(dist: string, file: string): ChunkSize {
  const bytes = readFileSync(join(dist, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes).length };
}

// Minified ES modules: `import{a as b}from"./x.js"`, `export{a}from"./x.js"`, `import"./x.js"`.
// `import("./x.js")` is dynamic and deliberately not matched.
const STATIC_IMPORT = /(?:\bfrom\s*|\bimport\s*)["']([^"']+\.js)["']/g;

export function measureEntry(dist: string = DIST_CLIENT): EntrySize {
  const indexHtml = join(dist, 'index.html');
  if (!existsSync(indexHtml)) throw new Error(`${indexHtml} does not exist: run \`npm run build\` first`);
  const html = readFileSync(indexHtml, 'utf8');
  const src = /<script\b[^>]*type="module"[^>]*\bsrc="([^"]+)"/.exec(html)?.[1];
  if (!src) throw new Error(`${indexHtml} has no <script type="module" src=...>`);
  const entryFile = src.replace(/^\//, '');
  const preloaded = [...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*\bhref="([^"]+)"/g)].map((m) => m[1].replace(/^\//, ''));
  const seen = new Set<string>([entryFile, ...preloaded]);
  const queue = [entryFile, ...preloaded];
  while (queue.length) {
    const file = queue.shift()!;
    const code = readFileSync(join(dist, file), 'utf8');
    for (const [, spec] of code.matchAll(STATIC_IMPORT)) {
      if (/^[a-z]+:/i.test(spec)) continue;
      const target = spec.startsWith('/') ? spec.slice(1) : join(dirname(file), spec);
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  const entry = sizeOf(dist, entryFile);
  const staticImports = [...seen].filter((f) => f !== entryFile).map((f) => sizeOf(dist, f));
  const all = [entry, ...staticImports];
  return {
    entry,
    staticImports,
    total: { raw: all.reduce((s, c) => s + c.raw, 0), gzip: all.reduce((s, c) => s + c.gzip, 0) },
  };
}

const kB = (n: number) => `${(n / 1000).toFixed(2)} kB`;

function main() {
  const size = measureEntry();
  const line = (label: string, c: { raw: number; gzip: number }) => console.log(`${label.padEnd(52)} ${kB(c.raw).padStart(10)} raw  ${kB(c.gzip).padStart(10)} gzip`);
  line(`entry ${size.entry.file}`, size.entry);
  for (const c of size.staticImports) line(`  + ${c.file}`, c);
  line('entry + static imports/modulepreloads (budgeted)', size.total);
  if (size.total.gzip > ENTRY_BUDGET_GZIP) {
    console.error(`Over budget: ${kB(size.total.gzip)} gzipped > ${kB(ENTRY_BUDGET_GZIP)}. Move code behind a dynamic import().`);
    process.exitCode = 1;
  } else {
    console.log(`Within budget: ${kB(size.total.gzip)} gzipped <= ${kB(ENTRY_BUDGET_GZIP)}.`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  }
}
