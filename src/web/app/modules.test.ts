import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The first page stays light as modules are added: a module's index.ts (what the registry in
 * modules.ts imports, and so what every first page downloads) names its pages only through
 * dynamic `import()` (lazyRouteComponent), never by a static import of a component file.
 */
const MODULES = path.resolve(import.meta.dirname, '../modules');

function staticImports(file: string): string[] {
  const src = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of src.matchAll(/^\s*import\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
    if (!m[1]) out.push(m[2]!);
  }
  for (const m of src.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) out.push(m[1]!);
  return out;
}

/** What a relative import names on disk ('./PlansPages' → PlansPages.tsx), or null for a package. */
function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return base;
}

describe('web module registry', () => {
  const indexes = fs.readdirSync(MODULES).map((d) => path.join(MODULES, d, 'index.ts')).filter((f) => fs.existsSync(f));

  it('finds the modules', () => {
    expect(indexes.length).toBeGreaterThanOrEqual(3);
  });

  it.each(indexes.map((f) => [path.relative(MODULES, f), f]))('%s loads its pages on demand (no static import of a component)', (_name, file) => {
    const components = staticImports(file).map((s) => resolve(file, s)).filter((f): f is string => !!f && f.endsWith('.tsx'));
    expect(components.map((f) => path.relative(MODULES, f))).toEqual([]);
    // And it does register routes with lazily loaded components.
    expect(fs.readFileSync(file, 'utf8')).toMatch(/lazyRouteComponent\(/);
  });

  it('the registry lists every module folder', () => {
    const registry = fs.readFileSync(path.resolve(import.meta.dirname, 'modules.ts'), 'utf8');
    for (const f of indexes) expect(registry).toContain(`'../modules/${path.basename(path.dirname(f))}'`);
  });
});
