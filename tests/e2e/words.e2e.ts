/**
 * Issue #15 item 1: every screen each role can open, in zh-CN, read as a merchant reads it.
 * The walk signs in as each demo role, opens every entry of that role's navigation, every tab
 * on it, and on the orders screen an order's drawer; it fails on any visible string that looks
 * like developer text (tests/helpers/developer-words.ts): snake_case, dotted keys, camelCase,
 * raw platform status codes, `field "x"`, colon-joined source ids.
 */
import { writeFileSync } from 'node:fs';
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

describe('zh-CN screens carry no developer text', () => {
  it.each(['owner', 'ops', 'service', 'warehouse', 'finance'])('%s: every screen, tab and the order drawer', async (user) => {
    const page = await browser.newPage();
    await page.goto(`${host.url}/#/`);
    await page.evaluate(() => { sessionStorage.clear(); (globalThis as any).localStorage.clear(); });
    await signIn(page, host.url, user);
    const found: Array<DeveloperWord & { where: string }> = [];
    const count = await navItems(page).count();
    expect(count).toBeGreaterThan(1);
    for (let i = 0; i < count; i++) {
      const item = navItems(page).nth(i);
      const label = ((await item.textContent()) ?? '').trim();
      await item.click();
      await settle(page);
      await collect(page, label, found);
      await screenshot(page, `words-${user}-${i}`);
      // Each tab of the screen (shops: coverage / quarantine; ERP: mapping / problems; ...).
      const tabs = page.locator('.ant-layout-content .ant-tabs-tab');
      for (let j = 0; j < (await tabs.count()); j++) {
        const tab = tabs.nth(j);
        if (!(await tab.isVisible())) continue;
        const tabLabel = ((await tab.textContent()) ?? '').trim();
        await tab.click();
        await settle(page);
        await collect(page, `${label} › ${tabLabel}`, found);
      }
      if ((await page.getByTestId('orders-screen').count()) > 0) {
        // The drawer of an order the grid shows: facts, platform status, timeline, sources.
        const cell = page.locator('.ag-row[row-index="0"] [col-id="platformOrderId"]');
        await cell.waitFor({ timeout: 20_000 });
        await cell.click();
        await page.getByTestId('order-timeline').waitFor({ timeout: 20_000 });
        await settle(page);
        await collect(page, `${label} › 订单详情`, found);
        // PDD's 1 or JD's 410 are not caught by a pattern: the platform status must be a word.
        expect(await page.getByTestId('platform-status').textContent()).not.toMatch(/^[A-Z0-9_]*$/);
        await screenshot(page, `words-${user}-drawer`);
        await page.keyboard.press('Escape');
      }
    }
    const report = [...new Set(found.map((f) => `${f.where}: [${f.pattern}] ${f.match} — “${f.text}”`))];
    // The whole list for the person fixing it (the assertion's diff is cut short).
    writeFileSync(join(ARTIFACTS, `words-${user}.txt`), report.join('\n'));
    expect(report.slice(0, 40)).toEqual([]);
    await page.close();
  }, 300_000);
});
