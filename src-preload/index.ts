import { contextBridge, ipcRenderer } from 'electron';
import { CONNECTION_EVENT, IPC_CHANNEL, IPC_EVENT, IPC_LISTEN, NOTIFY_CHANNEL, PICK_FOLDER_CHANNEL, PRINT_PDF_CHANNEL, type PreloadBridge, type PrintPdfOutcome } from '../src-shared/client';
import { isCallName, isEventName } from '../src-shared/contract';

/** Pushed events by name; main sends only those of the session this window listens as. */
const listeners = new Map<string, Set<(payload: unknown) => void>>();
ipcRenderer.on(IPC_EVENT, (_event, msg: { name?: unknown; payload?: unknown }) => {
  if (typeof msg?.name === 'string') for (const l of listeners.get(msg.name) ?? []) l(msg.payload);
});
/** The token of the last call: the session whose events this window receives. */
let token: string | null = null;
let told: string | null | undefined;
const tell = () => {
  if (listeners.size && told !== token) ipcRenderer.send(IPC_LISTEN, (told = token));
};

/** Exposes one small object that only carries the contract's calls and events; never ipcRenderer itself. */
const bridge: PreloadBridge = {
  transport: 'ipc',
  invoke: (name, input, t) => {
    if (!isCallName(name)) return Promise.resolve({ error: { code: 'not_found', message: `no call named "${name}"` } });
    token = t;
    tell();
    return ipcRenderer.invoke(IPC_CHANNEL, { name, input, token: t, locale: globalThis.localStorage?.getItem('orderhub.locale') ?? 'zh-CN' });
  },
  on: (event, listener) => {
    if (!isEventName(event) && event !== CONNECTION_EVENT) return () => {};
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    tell();
    return () => void set.delete(listener);
  },
  notify: (title, body) => ipcRenderer.invoke(NOTIFY_CHANNEL, { title: String(title), body: String(body) }),
  pickFolder: () => ipcRenderer.invoke(PICK_FOLDER_CHANNEL) as Promise<string | null>,
  // The session of the last call goes along: main asks the core whether it may print.
  printPdf: (fileName, contentBase64) => ipcRenderer.invoke(PRINT_PDF_CHANNEL, { fileName: String(fileName), contentBase64: String(contentBase64), token }) as Promise<PrintPdfOutcome>,
};

contextBridge.exposeInMainWorld('orderhub', bridge);
