import type { ApiResult } from './errors';
import type { CallInput, CallName, CallOutput } from './contract';

/** The typed client the renderer uses; derived from the contract, so a renamed call breaks the build. */
export interface OrderHubClient {
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
}

/** What the preload exposes as `window.orderhub` in the Electron window. */
export interface PreloadBridge {
  readonly transport: 'ipc';
  invoke(name: string, input: unknown, token: string | null): Promise<ApiResult<unknown>>;
  /** A desktop notification shown by the main process (the OS notification centre). */
  notify(title: string, body: string): Promise<boolean>;
  /** The system's folder picker (a folder source's folder); null when the person cancelled. The path still goes through the contract to be checked. */
  pickFolder(): Promise<string | null>;
}

export const IPC_CHANNEL = 'orderhub:call';
export const NOTIFY_CHANNEL = 'orderhub:notify';
export const PICK_FOLDER_CHANNEL = 'orderhub:pick-folder';
