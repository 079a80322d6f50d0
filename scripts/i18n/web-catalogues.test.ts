import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_PART, fileParts, importsOf, kompasCatalogues, messageParts } from './web-catalogues';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('imports followed to place a text in a part', () => {
  it('reads static imports and re-exports, leaves type-only ones out, and dynamic ones only when asked', () => {
    const src = [
      "import { a } from './a';",
      "import type { B } from './b';",
      "export type { C } from './c';",
      "export { d } from '../d.js';",
      "import './side-effect';",
      "import React from 'react';",
      "const Page = lazy(() => import('./Page'));",
    ].join('\n');
    expect(importsOf(src, false)).toEqual(['./a', '../d.js', './side-effect']);
    expect(importsOf(src, true)).toEqual(['./a', '../d.js', './side-effect', './Page']);
  });
});

describe('parts of the catalogue (the real tree)', () => {
  const files = fileParts(ROOT);

  it('puts the shell, the sign-in page and each module index.ts in the first download', () => {
    for (const f of ['src/web/app/Shell.tsx', 'src/web/pages/auth/SignInPage.tsx', 'src/web/pages/HomePage.tsx', 'src/web/modules/reporting/index.ts', 'src/web/modules/plan/index.ts', 'src/shared/roles.ts']) {
      expect([...files.get(f)!], f).toEqual([APP_PART]);
    }
  });

  it("keeps a module's pages, and the server files they import, in the module's own part", () => {
    expect([...files.get('src/web/modules/reporting/PublicReportPage.tsx')!]).toEqual(['reporting']);
    expect([...files.get('src/web/modules/plan/SectionsPage.tsx')!]).toEqual(['plan']);
    // The plan's labels live in the server's messages and are shown by the plan pages.
    expect([...files.get('src/server/modules/plan/messages.ts')!]).toEqual(['plan']);
    // A page of the administration used by the plan pages is in both parts.
    expect([...files.get('src/web/modules/admin/UnitsPage.tsx')!].sort()).toEqual(['admin', 'plan']);
  });

  it('leaves out what only the server uses', () => {
    expect(files.has('src/server/modules/reporting/messages.ts')).toBe(false);
    expect(files.has('src/server/platform/http/messages.ts')).toBe(false);
  });

  it('places a text written in several files in the first download when one of them is there, else in each module', () => {
    expect([...messageParts(['src/web/modules/reporting/CasePage.tsx', 'src/web/app/Shell.tsx'], files)]).toEqual([APP_PART]);
    expect([...messageParts(['src/web/modules/reporting/CasePage.tsx', 'src/web/modules/plan/SectionsPage.tsx'], files)].sort()).toEqual(['plan', 'reporting']);
    expect([...messageParts(['src/server/modules/reporting/messages.ts'], files)]).toEqual([]);
  });
});

describe('the catalogue served to the web app', () => {
  const plugin = kompasCatalogues(ROOT);
  const load = async (id: string) => {
    const hook = plugin.load as (this: unknown, id: string) => Promise<{ code: string } | string | undefined>;
    const r = await hook.call({ addWatchFile: () => undefined }, id);
    return typeof r === 'string' ? r : r?.code ?? '';
  };

  it('loads each part per language on demand, the first page with the shell texts only', async () => {
    const index = await load('\0kompas-messages');
    for (const part of [APP_PART, 'admin', 'audit', 'plan', 'reporting']) {
      for (const l of ['nl', 'fr', 'de', 'en']) expect(index).toContain(`import("virtual:kompas-messages/${l}/${part}")`);
    }
    const app = await load('\0kompas-messages-nl-app');
    const reporting = await load('\0kompas-messages-nl-reporting');
    // The sign-in button (shell) in Dutch is in the first part; a text of the reporting pages is not.
    expect(app).toContain('Aanmelden');
    expect(app).not.toContain('Volgende: uw melding nakijken');
    expect(reporting).toContain('Volgende: uw melding nakijken');
    // Server-only texts (errors the server translates itself) are in no part.
    expect(app + reporting).not.toContain('error.reporting_closed');
    expect(app.length).toBeLessThan(reporting.length);
  }, 60_000);
});
