// Entry of the render worker when the server runs from TypeScript (`node --import tsx`): loaders
// registered with --import do not reach worker threads, so the worker registers tsx itself.
import { register } from 'tsx/esm/api';

register();
await import('./render-worker.ts');
