/** `GET /api/demo/status` (any role): how far the background loading of the demo registries got. */
export interface DemoStatus {
  /** a started load is unfinished */
  loading: boolean;
  registered: number;
  total: number;
}
