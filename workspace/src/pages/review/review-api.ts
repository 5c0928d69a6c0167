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
} from '../../../../server/contract/registries.ts';
import type { RuleSetTemplate } from '../../../../formulas/checks/types.ts';
import { api, unwrap } from '../../api.ts';

/** The review page's requests, typed by the contract in `server/contract/registries.ts`. */

const param = (id: number) => ({ param: { id: String(id) } });
/** The routes of one registry (the server matches only digits as its id). */
const one = () => api.registries[':id{[0-9]+}'];

export const fetchCard = (id: number): Promise<RegistryCard> => unwrap(one().$get(param(id)));

/**
 * The rows of the registry's current check run (the payload names its run; the page caches it by that). With
 * the run the page expects, the browser may keep the answer for good; the rows still come from the current run.
 */
export const fetchRows = (id: number, run?: number): Promise<RegistryRowsPayload> =>
  unwrap(one().rows.$get({ ...param(id), query: run === undefined ? {} : { run: String(run) } }));

export const fetchRowStates = (id: number): Promise<RowStates> => unwrap(one()['row-states'].$get(param(id)));

export const fetchRowDetail = (id: number, rowNo: number): Promise<RowDetail> =>
  unwrap(one().rows[':rowNo{[0-9]+}'].$get({ param: { id: String(id), rowNo: String(rowNo) } }));

export const fetchHistory = (id: number): Promise<HistoryEntry[]> => unwrap(one().history.$get(param(id)));

export const fetchRowHistory = (id: number, rowNo: number): Promise<HistoryEntry[]> =>
  unwrap(one().rows[':rowNo{[0-9]+}'].history.$get({ param: { id: String(id), rowNo: String(rowNo) } }));

export const takeRegistry = (id: number): Promise<RegistryCard> => unwrap(one().take.$post({ ...param(id), json: {} }));

export const decideRows = (id: number, body: RowDecisionRequest): Promise<DecisionOutcome> =>
  unwrap(one().rows.decide.$post({ ...param(id), json: body }));

export const agreeClean = (id: number, reason: string): Promise<DecisionOutcome> => unwrap(one().rows['agree-clean'].$post({ ...param(id), json: { reason } }));

export const completeRegistry = (id: number, status: 'Согласован' | 'Не согласован', reason?: string): Promise<RegistryCard> =>
  unwrap(one().complete.$post({ ...param(id), json: reason ? { status, reason } : { status } }));

export const fetchDocuments = (id: number): Promise<DocumentItem[]> => unwrap(one().documents.$get(param(id)));

export const createDocument = (id: number, kind: DocumentKind): Promise<DocumentItem> =>
  unwrap(one().documents.$post({ ...param(id), json: { kind } }));

export const fetchCurrentRuleSet = (): Promise<RuleSetVersion> => unwrap(api['rule-sets'].current.$get());

export const saveRuleSet = (body: RuleSetTemplate): Promise<RuleSetVersion> => unwrap(api['rule-sets'].$post({ json: body }));

/** Plain links (a download is the browser's own navigation, not a fetch). */
export const documentUrl = (documentId: number): string => `/api/documents/${documentId}/file`;
export const exportUrl = (registryId: number): string => `/api/registries/${registryId}/export.xlsx`;
