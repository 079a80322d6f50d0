/**
 * A framework version in its import format (contract.ts `frameworkImportBody`): what the inspectorate's
 * administrator downloads to start the next version from the current one, and imports again.
 */
import type { FrameworkImportBody, FrameworkView } from './contract.js';

export function frameworkAsImport(v: FrameworkView): FrameworkImportBody {
  return {
    code: v.code,
    title: v.title,
    ...(v.description ? { description: v.description } : {}),
    criteria: v.criteria.map((c) => ({
      pillar: c.pillar,
      function: c.function,
      code: c.code,
      position: c.position,
      title: c.title,
      description: c.description,
      levels: c.levels,
    })),
  };
}

/** The download: `<code>-v<version>.json`, pretty-printed (people edit it by hand), UTF-8. */
export const frameworkFile = (v: FrameworkView) => ({
  filename: `${v.code}-v${v.version}.json`,
  contentType: 'application/json; charset=utf-8',
  body: `${JSON.stringify(frameworkAsImport(v), null, 2)}\n`,
});
