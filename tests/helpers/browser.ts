import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const ARTIFACTS = join(process.cwd(), 'test-results', 'e2e');

/** Debian's Chromium with a fresh profile, as the house rules require (never a downloaded browser). */
export async function launchBrowser(): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'orderhub-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    // A UTF-8 locale whatever the caller's: under LANG=C Chromium names a download "download"
    // instead of its Chinese file name (财务对账_….csv).
    env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });
}

/** Signs in through the login form. */
export async function signIn(page: Page, baseUrl: string, username: string, password = 'orderhub-demo'): Promise<void> {
  await page.goto(`${baseUrl}/#/`);
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('current-user').waitFor();
}

/**
 * The open dialog once antd's zoom-in has finished. While the dialog is being prepared its
 * controls sit still at their final place for a few frames (Playwright calls that "stable"),
 * then the zoom starts from a small scale: a click aimed at the final place lands beside the
 * shrunken dialog and a checkbox "does not change state". Interact only after the motion ends.
 */
export async function openedDialog(page: Page): Promise<Locator> {
  await page.locator('.ant-modal-wrap .ant-modal:not([class*="-appear"]):not([class*="-enter"])').waitFor();
  return page.getByRole('dialog');
}

/**
 * Picks an option of an antd Select by its words and checks the Select took it. A click that lands
 * while the dropdown is still sliding in is dropped by antd; on a loaded machine that happens, so
 * the pick waits for the dropdown to settle and tries again (at most three times) until it shows.
 */
export async function chooseOption(page: Page, select: Locator, words: string): Promise<void> {
  // This Select's own dropdown (its listbox id), not another one still open or closing.
  const isSelect = '[contains(concat(" ", normalize-space(@class), " "), " ant-select ")]';
  const root = select.locator(`xpath=(ancestor-or-self::*${isSelect} | descendant::*${isSelect})`).first();
  const isOpen = async () => (await root.getAttribute('class'))?.split(/\s+/).includes('ant-select-open') ?? false;
  const settled = page.locator('.ant-select-dropdown:visible:not([class*="-appear"]):not([class*="-enter"]):not([class*="-leave"])');
  for (let attempt = 0; attempt < 3; attempt++) {
    // A dropdown still sliding out after an earlier pick is not this one: let it go first.
    await page.locator('.ant-select-dropdown:visible[class*="-leave"]').first().waitFor({ state: 'hidden' });
    if (!(await isOpen())) await select.click();
    // The input names its listbox only while open (a moment after the click on a busy machine).
    let listId: string | null = null;
    for (let waited = 0; !listId && waited < 2000; waited += 100) {
      listId = await select.locator('input').first().getAttribute('aria-controls').catch(() => null);
      if (!listId) await page.waitForTimeout(100);
    }
    const dropdown = listId ? settled.filter({ has: page.locator(`[id="${listId}"]`) }) : settled.last();
    if (!(await dropdown.waitFor({ timeout: 10_000 }).then(() => true, () => false))) continue; // the click was dropped: open it again
    await dropdown.locator('.ant-select-item-option').filter({ hasText: words }).first().click();
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline) {
      if ((await select.innerText()).includes(words)) return;
      await page.waitForTimeout(100);
    }
  }
  throw new Error(`the Select did not take "${words}"`);
}
