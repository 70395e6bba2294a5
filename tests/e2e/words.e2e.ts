/**
 * Issue #15 item 1: every screen each role can open, in zh-CN, read as a merchant reads it.
 * The walk signs in as each demo role, opens every entry of that role's navigation, every tab
 * on it, and on the orders screen an order's drawer; it fails on any visible string that looks
 * like developer text (tests/helpers/developer-words.ts): snake_case, dotted keys, camelCase,
 * raw platform status codes, `field "x"`, colon-joined source ids.
 *
 * The same walk in English fails on the same developer text and on any Chinese that is not the
 * workspace's own data (names, addresses, item titles, notes; masked names).
 */
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser, screenshot, signIn } from '../helpers/browser';
import { developerWords, type DeveloperWord } from '../helpers/developer-words';
import { startHost, type HostProcess } from '../helpers/host-process';

let host: HostProcess;
let browser: BrowserContext;

beforeAll(async () => {
  host = await startHost(['--demo', '300']);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

// page.evaluate bodies run in the browser; this file compiles without the DOM lib.
declare const document: any;
declare const NodeFilter: any;

/** Every visible text on the page (text nodes, placeholders, input values), one string each. */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      const el = n.parentElement;
      if (!text || !el || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(el.tagName)) continue;
      // What people typed or the platform sent (a JD buyer nick is jd_xxx): data, not words of the app.
      if (el.closest('[data-user-text], [col-id="buyerNick"], [col-id="receiverName"]')) continue;
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      out.push(text);
    }
    for (const el of document.querySelectorAll('input, textarea')) {
      if (!el.checkVisibility()) continue;
      if (el.placeholder) out.push(el.placeholder);
      if (el.value && el.type !== 'password') out.push(el.value);
    }
    return out;
  });
}

async function collect(page: Page, where: string, into: Array<DeveloperWord & { where: string }>): Promise<void> {
  for (const text of await visibleTexts(page)) for (const w of developerWords(text)) into.push({ ...w, where });
}

async function settle(page: Page): Promise<void> {
  // Not 'networkidle': the page keeps its event stream open, so the network is never idle.
  await page.waitForTimeout(400);
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => {});
}

// Screens only: 新建真实工作区 is an action (its own test is in office-layout.e2e.ts).
const navItems = (page: Page) => page.locator('[aria-label="main navigation"] .ant-menu-item:not([data-menu-id$="new-real-workspace"])');

/**
 * Every screen a user's navigation opens, each tab on it, and on the orders screen an order's
 * drawer: `check(where)` runs on each, where = the screen › tab as the navigation names it.
 */
async function walk(page: Page, shot: string, check: (where: string) => Promise<void>): Promise<void> {
  const count = await navItems(page).count();
  expect(count).toBeGreaterThan(1);
  for (let i = 0; i < count; i++) {
    const item = navItems(page).nth(i);
    const label = ((await item.textContent()) ?? '').trim();
    await item.click();
    await settle(page);
    await check(label);
    await screenshot(page, `${shot}-${i}`);
    // Each tab of the screen (shops: coverage / quarantine; ERP: mapping / problems; ...).
    const tabs = page.locator('.ant-layout-content .ant-tabs-tab');
    for (let j = 0; j < (await tabs.count()); j++) {
      const tab = tabs.nth(j);
      if (!(await tab.isVisible())) continue;
      const tabLabel = ((await tab.textContent()) ?? '').trim();
      await tab.click();
      await settle(page);
      await check(`${label} › ${tabLabel}`);
    }
    if ((await page.getByTestId('orders-screen').count()) > 0) {
      // The drawer of an order the grid shows: facts, platform status, timeline, sources.
      const cell = page.locator('.ag-row[row-index="0"] [col-id="platformOrderId"]');
      await cell.waitFor({ timeout: 20_000 });
      await cell.click();
      await page.getByTestId('order-timeline').waitFor({ timeout: 20_000 });
      await settle(page);
      await check(`${label} › order drawer`);
      // PDD's 1 or JD's 410 are not caught by a pattern: the platform status must be a word.
      expect(await page.getByTestId('platform-status').textContent()).not.toMatch(/^[A-Z0-9_]*$/);
      await screenshot(page, `${shot}-drawer`);
      await page.keyboard.press('Escape');
    }
  }
}

async function signedIn(user: string, lang: 'zh-CN' | 'en'): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${host.url}/#/`);
  await page.evaluate(() => { sessionStorage.clear(); (globalThis as any).localStorage.clear(); });
  // The page read its language when it loaded (the last walk's English, in this browser's storage).
  await page.reload();
  await signIn(page, host.url, user);
  if (lang === 'en') {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: '中文' }).waitFor();
  }
  return page;
}

/** The whole list for the person fixing it (the assertion's diff is cut short), then the first 40. */
function expectNone(found: string[], file: string): void {
  const report = [...new Set(found)];
  writeFileSync(join(ARTIFACTS, file), report.join('\n'));
  expect(report.slice(0, 40)).toEqual([]);
}

describe('zh-CN screens carry no developer text', () => {
  it.each(['owner', 'ops', 'service', 'warehouse', 'finance'])('%s: every screen, tab and the order drawer', async (user) => {
    const page = await signedIn(user, 'zh-CN');
    const found: Array<DeveloperWord & { where: string }> = [];
    await walk(page, `words-${user}`, (where) => collect(page, where, found));
    expectNone(found.map((f) => `${f.where}: [${f.pattern}] ${f.match} — “${f.text}”`), `words-${user}.txt`);
    await page.close();
  }, 300_000);
});

/**
 * The workspace's own data (people, shops, warehouses, SKUs, templates, buyers, addresses, item
 * titles and notes: Chinese in the demo): what a screen shows of it is not words of the app,
 * whatever the language.
 */
const WORKSPACE_DATA = [
  'SELECT display_name FROM users', 'SELECT name FROM channels', 'SELECT name FROM warehouses', 'SELECT name FROM import_templates',
  'SELECT title FROM skus', 'SELECT spec FROM skus', 'SELECT title FROM order_lines', 'SELECT spec FROM order_lines',
  'SELECT province FROM orders', 'SELECT city FROM orders', 'SELECT district FROM orders', 'SELECT address_detail FROM orders',
  'SELECT receiver_name FROM orders', 'SELECT buyer_nick FROM orders', 'SELECT buyer_remark FROM orders', 'SELECT seller_note FROM orders',
  'SELECT body FROM order_notes',
];

function workspaceNames(): string[] {
  const db = new Database(join(host.dataDir, 'orderhub.db'), { readonly: true, fileMustExist: true });
  try {
    const names = new Set(WORKSPACE_DATA.flatMap((sql) => db.prepare(sql.replace('SELECT', 'SELECT DISTINCT')).pluck().all() as (string | null)[]));
    return [...names].filter((n): n is string => !!n).sort((a, b) => b.length - a.length); // longest first: 杭州主仓 before 杭州
  } finally {
    db.close();
  }
}

/** Chinese left in an English text once the workspace's names are taken out. */
function untranslated(text: string, names: readonly string[]): string | null {
  let rest = text;
  for (const n of names) rest = rest.split(n).join(' ');
  rest = rest.replace(/[\u4e00-\u9fff]+\*+[\u4e00-\u9fff]*/g, ' '); // masked names and addresses: 蓝**, 1单元***室
  return /[\u3400-\u9fff\uff01-\uff5e\u3001-\u3011]/.test(rest) ? rest.trim() : null;
}

describe('the English screens carry no Chinese words of the app and no developer text', () => {
  it.each(['owner', 'ops', 'service', 'warehouse', 'finance'])('%s: every screen, tab and the order drawer', async (user) => {
    const page = await signedIn(user, 'en');
    const names = workspaceNames();
    const found: string[] = [];
    await walk(page, `words-en-${user}`, async (where) => {
      for (const text of await visibleTexts(page)) {
        // The language switch names Chinese in Chinese, for whoever reads it.
        if (text === '中文') continue;
        const left = untranslated(text, names);
        if (left) found.push(`${where}: untranslated “${left.slice(0, 80)}” in “${text.slice(0, 120)}”`);
        for (const w of developerWords(text)) found.push(`${where}: [${w.pattern}] ${w.match} — “${w.text}”`);
      }
    });
    expectNone(found, `words-en-${user}.txt`);
    await page.close();
  }, 300_000);
});
