// A module Web Worker evaluating workbooks (formula columns, filters, sorts, pivots) off the page's thread.
import * as Comlink from 'comlink';
import type { WorkbookServiceApi } from './workbook-api.ts';
import { createWorkbookService } from './workbook-service.ts';

Comlink.expose(createWorkbookService() satisfies WorkbookServiceApi);
