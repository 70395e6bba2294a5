/** Facts about the open workspace. */
export interface Workspace {
  dataDir: string;
  readonly demo: boolean;
  version: string;
  zone: string;
  /** Make this new workspace the demo workspace (first-run choice). */
  seedDemo(orders?: number): Promise<void>;
}
