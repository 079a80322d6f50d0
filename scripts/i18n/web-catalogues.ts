/**
 * The web app's catalogue in parts, one per module (issue 18: the first page stays under 250 kB gzip).
 *
 * `locales/<locale>/messages.po` holds every text of the web app and the server. The first page
 * needs only the shell's texts (sign-in, shell, home page, the modules' `index.ts`: navigation
 * and tiles); each module's pages load with their own chunk, and so should their texts. This Vite
 * plugin serves the catalogue as
 *   - `virtual:kompas-messages`: `catalogues[part][locale]()`, a loader per part and language;
 *   - one chunk per part and language (`assets/messages-<locale>-<part>-<hash>.js`).
 * A text goes to the part of the files it is written in (the PO file's references), and a file
 * belongs to
 *   - `app`: every web file outside `src/web/modules/<m>/`, each module's `index.ts`, and what they
 *     import statically (src/shared, …): always loaded;
 *   - `<m>`: the files of `src/web/modules/<m>/` and everything they import (also a server file the
 *     pages import, such as the plan's labels), unless already in `app`.
 * A text only the server uses (errors, e-mails, documents) is left out of the web app. The shell
 * loads a module's part before showing its pages (`loadModuleMessages`, src/web/app/i18n.ts); a
 * new module needs nothing more.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

export const APP_PART = 'app';
const SOURCE = /\.(ts|tsx)$/;
const TEST = /\.test\.(ts|tsx)$/;

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : SOURCE.test(e.name) && !TEST.test(e.name) ? [p] : [];
  });
}

/** Relative imports of a source file, static ones and (when `dynamic`) `import('…')`; type-only imports are left out. */
export function importsOf(source: string, dynamic: boolean): string[] {
  const found: string[] = [];
  // `import … from '…'`, `export … from '…'`, `import '…'`, without `import type` / `export type`.
  const statics = /(?:^|[;\n])\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]/g;
  for (const m of source.matchAll(statics)) if (!m[2]) found.push(m[3]!);
  if (dynamic) for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]!);
  return found.filter((s) => s.startsWith('.'));
}

function resolve(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  const stem = base.replace(/\.(js|mjs)$/, '');
  for (const c of [base, `${stem}.ts`, `${stem}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (SOURCE.test(c) && fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  }
  return undefined;
}

function closure(roots: string[], dynamic: boolean): Set<string> {
  const seen = new Set<string>();
  const todo = [...roots];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const spec of importsOf(fs.readFileSync(f, 'utf8'), dynamic)) {
      const r = resolve(f, spec);
      if (r && !seen.has(r)) todo.push(r);
    }
  }
  return seen;
}

/** For every source file the web app uses: the catalogue parts it belongs to (paths relative to `rootDir`, with `/`). */
export function fileParts(rootDir: string): Map<string, Set<string>> {
  const modulesDir = path.join(rootDir, 'src/web/modules');
  const moduleIds = fs.existsSync(modulesDir) ? fs.readdirSync(modulesDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name) : [];
  // A module's own files, but not its index.ts (navigation, tiles, routes: in the first download).
  const inModule = (f: string) => {
    const r = path.relative(modulesDir, f).split(path.sep);
    return !r[0]!.startsWith('..') && r.length > 1 && !(r.length === 2 && /^index\.tsx?$/.test(r[1]!));
  };
  const rel = (f: string) => path.relative(rootDir, f).split(path.sep).join('/');
  const parts = new Map<string, Set<string>>();
  // The first download: everything outside the modules' folders and the modules' index.ts, with what they import statically.
  for (const f of closure(walk(path.join(rootDir, 'src/web')).filter((f) => !inModule(f)), false)) parts.set(rel(f), new Set([APP_PART]));
  for (const m of moduleIds) {
    for (const f of closure(walk(path.join(modulesDir, m)), true)) {
      const r = rel(f);
      const set = parts.get(r) ?? new Set<string>();
      if (!set.has(APP_PART)) set.add(m);
      parts.set(r, set);
    }
  }
  return parts;
}

/** The parts a text goes to, from the files it is written in: `app` alone when one of them is in the first download; none when only the server uses it. */
export function messageParts(origins: readonly string[], files: Map<string, Set<string>>): Set<string> {
  const out = new Set<string>();
  for (const o of origins) for (const p of files.get(o) ?? []) out.add(p);
  return out.has(APP_PART) ? new Set([APP_PART]) : out;
}

const VIRTUAL = 'virtual:kompas-messages';
const RESOLVED = '\0kompas-messages';

/** The compiled texts of each part, per language (`parts[part][locale]` = id → compiled message). */
async function compileParts(rootDir: string) {
  const { getConfig } = await import('@lingui/conf');
  const { getCatalogs } = await import('@lingui/cli/api');
  const config = getConfig({ cwd: rootDir });
  const files = fileParts(rootDir);
  const parts = new Map<string, Map<string, Record<string, string>>>();
  const watch: string[] = [];
  for (const catalog of await getCatalogs(config)) {
    for (const locale of config.locales) {
      watch.push(`${catalog.path.replace('{locale}', locale)}.po`);
      const entries = await catalog.read(locale);
      const { messages } = await catalog.getTranslations(locale, { fallbackLocales: config.fallbackLocales ?? {}, sourceLocale: config.sourceLocale ?? 'en' });
      for (const [id, entry] of Object.entries(entries ?? {})) {
        const translation = messages[id];
        if (translation === undefined) continue;
        for (const part of messageParts((entry.origin ?? []).map(([file]) => file), files)) {
          const byLocale = parts.get(part) ?? new Map<string, Record<string, string>>();
          parts.set(part, byLocale);
          const m = byLocale.get(locale) ?? {};
          byLocale.set(locale, m);
          m[id] = translation;
        }
      }
    }
  }
  return { config, parts, watch };
}

export function kompasCatalogues(rootDir: string): Plugin {
  let compiled: ReturnType<typeof compileParts> | undefined;
  const get = () => (compiled ??= compileParts(rootDir));
  return {
    name: 'kompas-catalogues',
    // The parts' chunks are named `messages-<locale>-<part>-<hash>.js` (bench/web counts one language's).
    outputOptions(options) {
      const own = options.chunkFileNames ?? 'assets/[name]-[hash].js';
      options.chunkFileNames = (chunk) => {
        const m = /^\0kompas-messages-([a-z]{2})-([\w-]+)$/.exec(chunk.facadeModuleId ?? '');
        const dir = path.posix.dirname(typeof own === 'string' ? own : 'assets/x');
        return m ? `${dir}/messages-${m[1]}-${m[2]}-[hash].js` : typeof own === 'function' ? own(chunk) : own;
      };
      return options;
    },
    resolveId(id) {
      if (id === VIRTUAL) return RESOLVED;
      // One module per part and language: `virtual:kompas-messages/<locale>/<part>`.
      const m = /^virtual:kompas-messages\/([a-z]{2})\/([\w-]+)$/.exec(id);
      return m ? `${RESOLVED}-${m[1]}-${m[2]}` : undefined;
    },
    async load(id) {
      if (!id.startsWith(RESOLVED)) return undefined;
      const { config, parts, watch } = await get();
      for (const w of watch) this.addWatchFile(w);
      if (id === RESOLVED) {
        const entries = [...parts.keys()].sort().map((part) => `  ${JSON.stringify(part)}: {\n${config.locales.map((l) =>
          `    ${l}: () => import(${JSON.stringify(`${VIRTUAL}/${l}/${part}`)}),`).join('\n')}\n  },`);
        return `/** Loaders of the catalogue's parts (scripts/i18n/web-catalogues.ts). */\nexport const catalogues = {\n${entries.join('\n')}\n};\n`;
      }
      const [, locale, part] = /^\0kompas-messages-([a-z]{2})-([\w-]+)$/.exec(id) ?? [];
      const messages = parts.get(part ?? '')?.get(locale ?? '') ?? {};
      const { createCompiledCatalog, createCompilationErrorMessage } = await import('@lingui/cli/api');
      const { source, errors } = createCompiledCatalog(locale!, messages, { namespace: 'es', pseudoLocale: config.pseudoLocale });
      if (errors.length) throw new Error(createCompilationErrorMessage(locale!, errors));
      return { code: source, moduleType: 'js' } as { code: string };
    },
  };
}
