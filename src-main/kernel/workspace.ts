import type { ProgressBoard } from './progress';

/** Facts about the open workspace. */
export interface Workspace {
  dataDir: string;
  readonly demo: boolean;
  version: string;
  zone: string;
  /** Demo orders still being generated (the workspace opened at once): how far; null otherwise. */
  demoFilling(): { done: number; total: number } | null;
  /** Stop the first-run demo fill between batches (what was written stays); false when none runs. */
  cancelDemo(): boolean;
  /** Make this new workspace the demo workspace (first-run choice). */
  seedDemo(orders?: number): Promise<void>;
  /**
   * Leave this demo workspace for a new, empty real one (the host or the Electron shell closes
   * this workspace and opens the new folder); null where the running shell cannot switch.
   */
  readonly startReal: (() => void) | null;
  /** Whether 新建真实工作区 is offered: true where the shell can switch (a reader says so; the writer does the switch). */
  readonly canStartReal: boolean;
  /** Counts of long calls running now (exports); the first-run demo reports through demoFilling(). */
  readonly progress: ProgressBoard;
}
