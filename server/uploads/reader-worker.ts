// Entry of the upload thread: the file reader, exposed through comlink.
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import { parentPort } from 'node:worker_threads';
import { transferringUploadReader } from './upload-reader.ts';

if (!parentPort) throw new Error('reader-worker must run as a worker thread');
Comlink.expose(transferringUploadReader(Comlink.transfer), nodeEndpoint(parentPort));
