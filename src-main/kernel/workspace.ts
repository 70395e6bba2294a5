/** Facts about the open workspace. */
export interface Workspace {
  dataDir: string;
  readonly demo: boolean;
  version: string;
  zone: string;
  /** Demo orders still being generated (the workspace opened at once): how far; null otherwise. */
  demoFilling(): { done: number; total: number } | null;
  /** Make this new workspace the demo workspace (first-run choice). */
  seedDemo(orders?: number): Promise<void>;
}
