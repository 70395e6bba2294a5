import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** A clone has only this repository: README and docs may point only at files inside it. */
const root = resolve(__dirname, '../..');
const DOCS = ['README.md', 'docs/ARCHITECTURE.md'];

describe('README and docs', () => {
  it.each(DOCS)('%s links only to files that exist in the repository', (doc) => {
    const text = readFileSync(join(root, doc), 'utf8');
    const targets = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z]+:/i.test(t));
    for (const t of targets) {
      const path = resolve(root, dirname(doc), t);
      expect(path.startsWith(root + '/'), `${doc} → ${t} leaves the repository`).toBe(true);
      expect(existsSync(path), `${doc} → ${t}`).toBe(true);
    }
    expect(text).not.toMatch(/\.\.\/shared\//);
  });

  it('README names the two commands first and links the architecture document', () => {
    const text = readFileSync(join(root, 'README.md'), 'utf8');
    const firstBlock = /```bash\n([\s\S]*?)```/.exec(text)![1]!;
    expect(firstBlock.split('\n').filter(Boolean).map((l) => l.split('#')[0]!.trim())).toEqual(['npm start', 'npm test']);
    expect(text).toContain('](docs/ARCHITECTURE.md)');
  });
});
