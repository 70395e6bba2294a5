import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNEL, NOTIFY_CHANNEL, PICK_FOLDER_CHANNEL, type PreloadBridge } from '../src-shared/client';
import { isCallName } from '../src-shared/contract';

/** Exposes one small object that only carries the contract's calls; never ipcRenderer itself. */
const bridge: PreloadBridge = {
  transport: 'ipc',
  invoke: (name, input, token) => {
    if (!isCallName(name)) return Promise.resolve({ error: { code: 'not_found', message: `no call named "${name}"` } });
    return ipcRenderer.invoke(IPC_CHANNEL, { name, input, token, locale: globalThis.localStorage?.getItem('orderhub.locale') ?? 'zh-CN' });
  },
  notify: (title, body) => ipcRenderer.invoke(NOTIFY_CHANNEL, { title: String(title), body: String(body) }),
  pickFolder: () => ipcRenderer.invoke(PICK_FOLDER_CHANNEL) as Promise<string | null>,
};

contextBridge.exposeInMainWorld('orderhub', bridge);
