// A module Web Worker evaluating the standards formula template with HyperFormula for every group.
import * as Comlink from 'comlink';
import type { StandardsServiceApi } from './standards-api.ts';
import { createStandardsService } from './standards-service.ts';

const service = createStandardsService();

Comlink.expose({
  evaluate(groups, template, params) {
    const result = service.evaluate(groups, template, params);
    return Comlink.transfer(result, [result.values.buffer]);
  },
  edit: (groupId, name, patch) => service.edit(groupId, name, patch),
} satisfies StandardsServiceApi);
