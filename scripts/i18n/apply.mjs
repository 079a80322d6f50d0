#!/usr/bin/env node
// Merges translations into the PO catalogs: node scripts/i18n/apply.mjs locales/translations/*.json
// Each module keeps its translations in locales/translations/<module>.json, so engineers working
// on different modules never overwrite each other; `npm run i18n:update` re-extracts and re-applies all.
// file.json: { "<msgid>": { "nl": "…", "fr": "…", "de": "…", "en": "…" } }.
// The msgid is the explicit id (server texts) or the English source (web texts).
// Also: --missing prints, per locale, the entries that still lack a translation.
import fs from 'node:fs';
import PO from 'pofile';

const LOCALES = ['nl', 'fr', 'de', 'en'];
const load = (l) => PO.parse(fs.readFileSync(`locales/${l}/messages.po`, 'utf8'));

if (process.argv[2] === '--missing') {
  for (const l of LOCALES) {
    const missing = load(l).items.filter((i) => !i.msgstr[0]);
    if (missing.length) console.log(`${l}: ${missing.length} missing\n` + missing.map((i) => `  ${JSON.stringify(i.msgid)}`).join('\n'));
  }
  process.exit(0);
}

const merged = Object.assign({}, ...process.argv.slice(2).map((f) => JSON.parse(fs.readFileSync(f, 'utf8'))));
for (const l of LOCALES) {
  const po = load(l);
  let n = 0;
  for (const item of po.items) {
    const t = merged[item.msgid]?.[l];
    if (t !== undefined) { item.msgstr = [t]; n++; }
  }
  fs.writeFileSync(`locales/${l}/messages.po`, po.toString() + '\n');
  console.log(`${l}: ${n} set`);
}
