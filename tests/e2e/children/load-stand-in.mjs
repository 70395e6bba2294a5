// Makes `electron` resolve to the stand-in module for everything imported after this one (the
// built main bundle and preload), and gives the record of what the shell asked of it.
import { registerHooks, createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const standIn = pathToFileURL(resolve('tests/e2e/children/electron-stand-in.cjs')).href;
registerHooks({
  resolve(specifier, context, next) {
    if (specifier === 'electron') return { url: standIn, shortCircuit: true, format: 'commonjs' };
    return next(specifier, context);
  },
});
createRequire(import.meta.url)(resolve('tests/e2e/children/electron-stand-in.cjs'));
export const record = globalThis.__electronRecord;
