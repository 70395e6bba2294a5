/**
 * The core's and the cloud's English messages carry no Chinese. Screens take their words from the
 * i18n tables (ui-words.test.ts); messages made outside the renderer are written as pairs in the
 * source: `say(locale, zh, en)`, `bilingual(zh, en)`, a BilingualError's `super(zh, en)`, objects
 * with an `en` (or `…En`) beside the Chinese, and constants named `…_EN` or `…En`. An English half
 * that names a button by its Chinese label ("click 授权 again") reads as a mistake to someone who
 * chose English. Messages written as one "中文 / English" string are not split here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOTS = ['src-main', 'src-shared', 'src-cloud'];
const CHINESE = /[\u3400-\u9fff\u3001-\u3011\uff01-\uff5e]/;

function sourceFiles(dir: string, into: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, into);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) into.push(path);
  }
  return into;
}

/** The fixed text of a string or template literal (what `${…}` inserts is data, not words); null for anything else. */
function literalText(node: ts.Node | undefined): string | null {
  if (!node) return null;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
  return null;
}

const calledName = (call: ts.CallExpression): string | null =>
  ts.isIdentifier(call.expression) ? call.expression.text : call.expression.kind === ts.SyntaxKind.SuperKeyword ? 'super' : null;

/** Every English half written in the file, with its line. */
function englishHalves(file: string): { line: number; text: string }[] {
  const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { line: number; text: string }[] = [];
  const add = (node: ts.Node | undefined) => {
    const text = literalText(node);
    if (text !== null) found.push({ line: src.getLineAndCharacterOfPosition(node!.getStart()).line + 1, text });
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const name = calledName(node);
      if (name === 'say') add(node.arguments[2]);
      // A pair given as two literals: bilingual(zh, en), a BilingualError's super(zh, en).
      if ((name === 'bilingual' || name === 'super') && node.arguments.length === 2 && CHINESE.test(literalText(node.arguments[0]) ?? '')) add(node.arguments[1]);
    }
    if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) && /^(en|\w+En)$/.test(node.name.text)) add(node.initializer);
    // An English half kept in a constant for several labels: const TOKEN_EN = '…'.
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && /(_EN|\wEn)$/.test(node.name.text)) add(node.initializer);
    ts.forEachChild(node, visit);
  };
  visit(src);
  return found;
}

describe('English messages made outside the screens', () => {
  const files = ROOTS.flatMap((r) => sourceFiles(join(process.cwd(), r)));

  it('are found at all (the scan reads the pairs the code writes)', () => {
    const halves = files.flatMap((f) => englishHalves(f));
    // 178 say() calls and dozens of labelled pairs when this was written: a scan that finds a
    // handful has stopped reading the source.
    expect(halves.length).toBeGreaterThan(300);
  });

  it('carry no Chinese and no full-width punctuation', () => {
    const bad: string[] = [];
    for (const file of files) {
      const where = relative(process.cwd(), file);
      for (const { line, text } of englishHalves(file)) {
        if (CHINESE.test(text)) bad.push(`${where}:${line}: ${text.slice(0, 120)}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
