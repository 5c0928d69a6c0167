// Entry of a worker thread that runs the checks: the same service the browser's Web Worker exposes.
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import { parentPort } from 'node:worker_threads';
import { transferringCheckService } from '../../formulas/checks/check-service.ts';

if (!parentPort) throw new Error('check-worker must run as a worker thread');
Comlink.expose(transferringCheckService(Comlink.transfer), nodeEndpoint(parentPort));
