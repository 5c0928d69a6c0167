import { sessionsClosed } from './collab/collab-session.ts';
import { forgetSharedDocuments } from './collab/dexie-update-store.ts';
import { forgetCachedRegistries } from './pages/review/rows-cache.ts';

/**
 * What a person's work left in this browser's IndexedDB — registries' rows and cards, the shared documents with
 * their comments — is forgotten when they sign out: regulators' offices share computers, and whoever signs in
 * next must not read the last one's registries without a session. Changes not yet sent cannot be sent by the next
 * person anyway (the server takes back comments signed by anyone but the connection's user). The reference data
 * cache is kept: it is the same for every user and costs megabytes to download again.
 */
export async function forgetLocalCopies(): Promise<void> {
  // called after the session is gone: the pages unmount on the next render and close their documents, whose
  // last updates must be written before the store is deleted, or they would create it again
  await new Promise((resolve) => setTimeout(resolve, 0));
  await sessionsClosed();
  await Promise.all([forgetCachedRegistries(), forgetSharedDocuments()].map((p) => p.catch((e: unknown) => console.warn('local copy not deleted', e))));
}
