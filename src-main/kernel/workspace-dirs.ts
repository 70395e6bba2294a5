import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';

/**
 * Where the real workspace goes when someone leaves the demo ("新建真实工作区"): beside the demo's
 * folder, never inside it. The demo folder keeps a note naming it, so the next start (same
 * `--data-dir`, or the Electron default) opens the real workspace instead of the demo again.
 */
const NOTE = 'moved-to-real-workspace.json';

export function realWorkspaceDir(demoDir: string): string {
  return basename(demoDir) === 'demo' ? join(dirname(demoDir), 'workspace') : `${demoDir}-workspace`;
}

export function noteRealWorkspace(demoDir: string, realDir: string): void {
  writeFileSync(join(demoDir, NOTE), JSON.stringify({ dataDir: realDir, at: Date.now() }), { mode: 0o600 });
}

/** The folder to open for `dataDir`: the real workspace the demo there was left for, else itself. */
export function workspaceToOpen(dataDir: string): string {
  const note = join(dataDir, NOTE);
  if (!existsSync(note)) return dataDir;
  try {
    const { dataDir: real } = JSON.parse(readFileSync(note, 'utf8')) as { dataDir?: unknown };
    return typeof real === 'string' && isAbsolute(real) ? real : dataDir;
  } catch {
    return dataDir;
  }
}
