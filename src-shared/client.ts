import type { ApiResult } from './errors';
import type { CallInput, CallName, CallOutput } from './contract';

/** The typed client the renderer uses; derived from the contract, so a renamed call breaks the build. */
export interface OrderHubClient {
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
}

/**
 * The link to the core as the renderer sees it: 'connected', or 'reconnecting' while the core
 * restarts or the host is away (what was pushed meanwhile is missed: screens reload on 'connected').
 * Delivered under this name beside the contract's events.
 */
export const CONNECTION_EVENT = 'orderhub.connection';
export type ConnectionState = 'connected' | 'reconnecting';

/** What the preload exposes as `window.orderhub` in the Electron window. */
export interface PreloadBridge {
  readonly transport: 'ipc';
  invoke(name: string, input: unknown, token: string | null): Promise<ApiResult<unknown>>;
  /**
   * Listens to a pushed event (a contract event name, or CONNECTION_EVENT); returns the unsubscribe.
   * Events flow for the session whose token the last invoke carried.
   */
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** A desktop notification shown by the main process (the OS notification centre). */
  notify(title: string, body: string): Promise<boolean>;
  /** The system's folder picker (a folder source's folder); null when the person cancelled. The path still goes through the contract to be checked. */
  pickFolder(): Promise<string | null>;
  /**
   * Prints a PDF the window received (a pick list, packing slips) through the OS print dialog. The
   * main process checks the file and that the signed-in person may print (fulfillment.ship).
   */
  printPdf(fileName: string, contentBase64: string): Promise<PrintPdfOutcome>;
}

/** What became of a print request: printed (the dialog's 打印), or why not. */
export type PrintPdfOutcome =
  | { printed: true }
  | { printed: false; reason: 'cancelled' | 'invalid' | 'forbidden' | 'failed'; message: string };

export const IPC_CHANNEL = 'orderhub:call';
export const NOTIFY_CHANNEL = 'orderhub:notify';
/** Renderer → main: the session whose events this window wants (null: none). */
export const IPC_LISTEN = 'orderhub:listen';
/** Main → renderer: one pushed event `{ name, payload }`. */
export const IPC_EVENT = 'orderhub:event';
export const PICK_FOLDER_CHANNEL = 'orderhub:pick-folder';
/** Renderer → main: print a PDF `{ fileName, contentBase64, token }` in a hidden window (the OS print dialog). */
export const PRINT_PDF_CHANNEL = 'orderhub:print-pdf';
