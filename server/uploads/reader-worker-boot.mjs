// A worker thread starts from plain JavaScript: Node 20 resolves a worker's entry before --import hooks
// apply, so the TypeScript loader is registered here and the real entry imported after it.
import { register } from 'tsx/esm/api';

register();
await import('./reader-worker.ts');
