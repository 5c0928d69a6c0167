/** What one evaluation of every group in the standards worker came to, as the groups view and the template editor show it. */
export interface WorkerRun {
  groups: number;
  formulas: number;
  workerMs: number;
  totalMs: number;
  agree: number;
  failed: number;
  templateVersion: number | string;
}
