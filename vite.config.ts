import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { lingui } from '@lingui/vite-plugin';
import { kompasCatalogues } from './scripts/i18n/web-catalogues';

// Routes are defined in code (src/web/app/router.tsx) from the module registry, so no route generator.
export default defineConfig({
  root: '.',
  plugins: [
    react({ babel: { plugins: ['@lingui/babel-plugin-lingui-macro'] } }),
    // Catalogs are compiled per locale on import; missing translations are caught by
    // `lingui compile --strict` in `npm test`, so a half-translated tree still builds locally.
    lingui({ failOnCompileError: true }),
    // The catalogue in one part per module, loaded with the module's pages (the first page keeps the shell's texts only).
    kompasCatalogues(import.meta.dirname),
  ],
  build: { outDir: 'dist/web', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
