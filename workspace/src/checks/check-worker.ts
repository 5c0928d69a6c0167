// A module Web Worker running the checks: the same service the server's worker threads expose.
import * as Comlink from 'comlink';
import { transferringCheckService } from '../../../formulas/checks/check-service.ts';

Comlink.expose(transferringCheckService(Comlink.transfer));
