import type {
  DecisionOutcome,
  DocumentItem,
  DocumentKind,
  HistoryEntry,
  RegistryCard,
  RegistryRowsPayload,
  RowDecisionRequest,
  RowDetail,
  RowStates,
  RuleSetVersion,
} from '../../../../server/registries/api-types.ts';
import type { RuleSetTemplate } from '../../../../formulas/checks/types.ts';
import { api, unwrap } from '../../api.ts';

/** The review page's requests, typed by the contract in `server/registries/api-types.ts`. */

const param = (id: number) => ({ param: { id: String(id) } });

export const fetchCard = (id: number): Promise<RegistryCard> => unwrap(api.registries[':id'].$get(param(id)));

export const fetchRows = (id: number, run: number): Promise<RegistryRowsPayload> =>
  unwrap(api.registries[':id'].rows.$get({ ...param(id), query: { run: String(run) } }));

export const fetchRowStates = (id: number): Promise<RowStates> => unwrap(api.registries[':id']['row-states'].$get(param(id)));

export const fetchRowDetail = (id: number, rowNo: number): Promise<RowDetail> =>
  unwrap(api.registries[':id'].rows[':rowNo'].$get({ param: { id: String(id), rowNo: String(rowNo) } }));

export const fetchHistory = (id: number): Promise<HistoryEntry[]> => unwrap(api.registries[':id'].history.$get(param(id)));

export const fetchRowHistory = (id: number, rowNo: number): Promise<HistoryEntry[]> =>
  unwrap(api.registries[':id'].rows[':rowNo'].history.$get({ param: { id: String(id), rowNo: String(rowNo) } }));

export const takeRegistry = (id: number): Promise<unknown> => unwrap(api.registries[':id'].take.$post({ ...param(id), json: {} }));

export const decideRows = (id: number, body: RowDecisionRequest): Promise<DecisionOutcome> =>
  unwrap(api.registries[':id'].rows.decide.$post({ ...param(id), json: body }));

export const agreeClean = (id: number): Promise<DecisionOutcome> => unwrap(api.registries[':id'].rows['agree-clean'].$post(param(id)));

export const completeRegistry = (id: number, status: 'Согласован' | 'Не согласован', reason?: string): Promise<unknown> =>
  unwrap(api.registries[':id'].complete.$post({ ...param(id), json: reason ? { status, reason } : { status } }));

export const fetchDocuments = (id: number): Promise<DocumentItem[]> => unwrap(api.registries[':id'].documents.$get(param(id)));

export const createDocument = (id: number, kind: DocumentKind): Promise<DocumentItem> =>
  unwrap(api.registries[':id'].documents.$post({ ...param(id), json: { kind } }));

export const fetchCurrentRuleSet = (): Promise<RuleSetVersion> => unwrap(api['rule-sets'].current.$get());

export const saveRuleSet = (body: RuleSetTemplate): Promise<RuleSetVersion> => unwrap(api['rule-sets'].$post({ json: body }));

/** Plain links (a download is the browser's own navigation, not a fetch). */
export const documentUrl = (documentId: number): string => `/api/documents/${documentId}/file`;
export const exportUrl = (registryId: number): string => `/api/registries/${registryId}/export.xlsx`;
