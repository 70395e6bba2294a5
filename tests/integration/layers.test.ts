import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The house plan's arrows, enforced (as VS Code's layering lint does): a test that reads every
 * import in the sources and fails on one that runs upward.
 *   renderer → shared ← preload;  main → shared;  electron/, host/ → api.ts → capabilities → kernel/, db/
 */
const root = resolve(__dirname, '../..');
const SRC = ['src-shared', 'src-main', 'src-preload', 'src-renderer', 'src-cloud'];

/** Files a capability folder may never import: the dispatcher and the composition root. */
const COMPOSITION = ['src-main/api.ts', 'src-main/services.ts', 'src-main/handlers.ts', 'src-main/app.ts', 'src-main/jobs.ts'];
/** src-main folders that are not capabilities. */
const NOT_CAPABILITY = new Set(['electron', 'host', 'kernel', 'db', 'core']);

function sources(dir: string): string[] {
  let out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(join(root, dir));
  } catch {
    return out;
  }
  for (const name of names) {
    if (name === 'node_modules') continue;
    const rel = `${dir}/${name}`;
    if (statSync(join(root, rel)).isDirectory()) out = out.concat(sources(rel));
    else if (/\.(ts|tsx|mts)$/.test(name) && !/\.(test|e2e)\.tsx?$/.test(name)) out.push(rel);
  }
  return out;
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;

/** Every relative import of a file, as a path from the repository root (without extension). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (!spec || !spec.startsWith('.')) continue;
    out.push(relative(root, resolve(join(root, dirname(file)), spec)).split(sep).join('/'));
  }
  return out;
}

const top = (p: string) => p.split('/')[0]!;
/** 'src-main/orders/query/x' → 'orders'; 'src-main/api' → null (a root file). */
const mainFolder = (p: string) => (p.startsWith('src-main/') && p.split('/').length > 2 ? p.split('/')[1]! : null);
const sameFile = (imp: string, target: string) => imp === target.replace(/\.tsx?$/, '') || imp === target;

function violations(edges: { file: string; imp: string }[]): string[] {
  const bad: string[] = [];
  for (const { file, imp } of edges) {
    const from = top(file);
    const folder = mainFolder(file);
    {
      const to = top(imp);
      const say = (why: string) => bad.push(`${file} → ${imp}: ${why}`);
      if (from === 'src-shared' && to !== 'src-shared') say('src-shared is pure vocabulary: it imports nothing else');
      if ((from === 'src-renderer' || from === 'src-preload') && to !== from && to !== 'src-shared') say('the renderer and preload reach main only through the contract');
      if (from === 'src-cloud' && to === 'src-main') say('the cloud service shares src-shared, never src-main');
      if (from === 'src-main' && (to === 'src-renderer' || to === 'src-preload' || to === 'src-cloud')) say('main never imports the renderer, preload or cloud');
      if (from !== 'src-main' || to !== 'src-main') continue;
      const target = mainFolder(imp);
      if (folder && !NOT_CAPABILITY.has(folder)) {
        if (COMPOSITION.some((c) => sameFile(imp, c))) say('a capability gets narrow deps; it never imports the dispatcher or the composition root');
        if (target === 'electron' || target === 'host') say('a capability never imports a host');
      }
      if (folder === 'kernel' && target && target !== 'kernel' && target !== 'db') say('kernel/ sits below every capability');
      if (folder === 'db' && target && target !== 'db') say('db/ imports no capability and no kernel');
      if (folder === 'ingest' && target === 'channels') say('ingest/ serves every source; it does not know channels/');
      if (folder !== 'electron' && target === 'electron') say("only electron/ itself imports electron/");
    }
  }
  return bad;
}

describe('layers that hold', () => {
  const files = SRC.flatMap(sources);
  const edges = files.flatMap((file) => importsOf(file).map((imp) => ({ file, imp })));

  it('reads the sources (the scanner is not blind)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(importsOf('src-main/handlers.ts')).toContain('src-main/kernel/call');
  });

  it('no import runs upward', () => {
    expect(violations(edges)).toEqual([]);
  });

  it('catches a capability importing the dispatcher, db importing a capability, ingest importing channels, shared importing main', () => {
    const probes = [
      { file: 'src-main/orders/handlers.ts', imp: 'src-main/api' },
      { file: 'src-main/orders/handlers.ts', imp: 'src-main/services' },
      { file: 'src-main/db/index.ts', imp: 'src-main/orders/facets' },
      { file: 'src-main/kernel/call.ts', imp: 'src-main/auth/auth-service' },
      { file: 'src-main/ingest/pipeline.ts', imp: 'src-main/channels/connector' },
      { file: 'src-shared/orders.ts', imp: 'src-main/db/index' },
      { file: 'src-renderer/main.tsx', imp: 'src-main/api' },
      { file: 'src-main/channels/service.ts', imp: 'src-main/electron/ipc' },
    ];
    expect(violations(probes)).toHaveLength(probes.length + 1); // the last one breaks two rules
  });
});
