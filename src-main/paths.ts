import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding package.json: the repo in development and tests, `app.asar` when packaged.
 * Found by walking up, so source (vitest, tsx) and the built bundle (out/main) agree.
 */
export function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src-main'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('OrderHub: cannot find the application folder (package.json)');
    dir = parent;
  }
}

export function resourcePath(...parts: string[]): string {
  return join(appRoot(), 'resources', ...parts);
}

export function migrationsPath(): string {
  return join(appRoot(), 'src-main', 'db', 'migrations');
}
