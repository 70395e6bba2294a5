/**
 * The two languages say the same things: every word exists in both, none is empty (i18next shows
 * the Chinese word for an empty English one), English carries no Chinese or full-width
 * punctuation, and screens never write that punctuation themselves (punctuation.ts does it in the
 * reader's language). The screen walk in tests/e2e/words.e2e.ts reads the result in Chromium.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AREAS } from '../../src-renderer/i18n/areas';
import { en } from '../../src-renderer/i18n/en';
import { punctuation } from '../../src-renderer/i18n/punctuation';
import { zhCN } from '../../src-renderer/i18n/zh-CN';

function flatten(words: Record<string, unknown>, prefix = '', into = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(words)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') flatten(v as Record<string, unknown>, key, into);
    else into.set(key, String(v));
  }
  return into;
}

const areas = (lang: 'zh' | 'en') => Object.fromEntries(Object.entries(AREAS).map(([area, words]) => [area, words[lang]]));
const ZH = flatten({ ...zhCN, ...areas('zh') });
const EN = flatten({ ...en, ...areas('en') });

const CHINESE = /[\u3400-\u9fff\u3001-\u3011\uff01-\uff5e]/;

/** English words that must show Chinese, and why. */
const CHINESE_ON_PURPOSE: Record<string, string> = {
  'app.language': 'the switch names Chinese in Chinese, for whoever reads it',
  'channels.unmapped.zhHelp': 'an example of the Chinese name the user types',
  'erp.test.textOk': 'the characters the ERP round trip was tested with',
};

describe('UI words', () => {
  it('every word exists in both languages', () => {
    expect([...ZH.keys()].filter((k) => !EN.has(k))).toEqual([]);
    expect([...EN.keys()].filter((k) => !ZH.has(k))).toEqual([]);
  });

  it('no word is empty (an empty English word would show the Chinese one)', () => {
    expect([...EN].filter(([, v]) => v.trim() === '').map(([k]) => `en ${k}`)).toEqual([]);
    expect([...ZH].filter(([, v]) => v.trim() === '').map(([k]) => `zh ${k}`)).toEqual([]);
  });

  it('English carries no Chinese and no full-width punctuation, except where it must', () => {
    const found = [...EN].filter(([k, v]) => CHINESE.test(v) && !(k in CHINESE_ON_PURPOSE)).map(([k, v]) => `${k} = ${v}`);
    expect(found).toEqual([]);
    for (const k of Object.keys(CHINESE_ON_PURPOSE)) expect(EN.has(k), k).toBe(true);
  });
});

describe('punctuation', () => {
  it('joins words in the reader’s language', () => {
    const zh = punctuation('zh');
    const enP = punctuation('en');
    expect(`状态${zh.colon}已发货${zh.paren('平台')}${zh.semicolon}${zh.list(['甲', '乙'])}${zh.comma}${zh.quote('顺丰')}`).toBe('状态：已发货（平台）；甲、乙，“顺丰”');
    expect(`Status${enP.colon}Shipped${enP.paren('platform')}${enP.semicolon}${enP.list(['a', 'b'])}${enP.comma}${enP.quote('SF')}`).toBe('Status: Shipped (platform); a, b, "SF"');
  });
});

/** Source files of the screens, and what of them is code (comments taken out). */
function rendererSources(dir: string): { file: string; code: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return rendererSources(path);
    if (!/\.tsx?$/.test(name) || name.endsWith('.test.ts')) return [];
    const code = readFileSync(path, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, '')) // keeps line numbers
      .split('\n')
      .map((line) => (/^\s*\/\//.test(line) ? '' : line.replace(/\s\/\/.*$/, '')))
      .join('\n');
    return [{ file: relative(RENDERER, path), code }];
  });
}

const RENDERER = join(import.meta.dirname, '..', '..', 'src-renderer');

/** Full-width marks typed by people and read as input, not written to them. */
const INPUT_PARSING = new Set(['screens/warehouse/parse-rows.ts']);

describe('screens', () => {
  it('write no full-width punctuation themselves: English readers got "Ordered：Any time"', () => {
    const found = ['screens', 'components']
      .flatMap((d) => rendererSources(join(RENDERER, d)))
      .filter((s) => !INPUT_PARSING.has(s.file))
      .flatMap((s) => s.code.split('\n').map((line, i) => ({ at: `${s.file}:${i + 1}`, line })))
      .filter(({ line }) => /[：（）、，；！？“”]/.test(line))
      .map(({ at, line }) => `${at}: ${line.trim().slice(0, 100)}`);
    expect(found).toEqual([]);
  });
});
