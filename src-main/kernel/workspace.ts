import type { ProgressBoard } from './progress';

/** Facts about the open workspace. */
export interface Workspace {
  dataDir: string;
  readonly demo: boolean;
  version: string;
  zone: string;
  /** Make this new workspace the demo workspace (first-run choice). */
  seedDemo(orders?: number): Promise<void>;
  /**
   * Leave this demo workspace for a new, empty real one (the host or the Electron shell closes
   * this workspace and opens the new folder); null where the running shell cannot switch.
   */
  readonly startReal: (() => void) | null;
  /** Counts of long calls running now (exports, the first-run demo). */
  readonly progress: ProgressBoard;
}
