/**
 * Page model of the orders workspace for end-to-end tests: the grid (AG Grid DOM), its
 * pick-list filters, saved views and the detail drawer; plus a tiny HTTP API client so a
 * test can compare what the screen shows with what the main process says.
 */
import type { Locator, Page } from 'playwright-core';
import type { CallInput, CallName, CallOutput } from '../../src-shared/contract';

// page.evaluate bodies run in the browser; this file compiles without the DOM lib, so declare what they touch.
interface El { textContent: string | null; scrollTop: number; scrollHeight: number; scrollLeft: number; scrollWidth: number; clientWidth: number; getAttribute(n: string): string | null; querySelector(s: string): El | null }
declare const document: { querySelector(s: string): El | null; querySelectorAll(s: string): ArrayLike<El> & Iterable<El> };

export async function apiLogin(baseUrl: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth.login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: 'orderhub-demo' }) });
  const body = (await res.json()) as { data: { token: string } };
  return body.data.token;
}

/** Calls the HTTP API; returns the status and the parsed `{data}` / `{error}` body. */
export async function apiRaw(baseUrl: string, token: string, name: string, input: unknown): Promise<{ status: number; body: { data?: unknown; error?: { code: string; message: string } } }> {
  const res = await fetch(`${baseUrl}/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
  return { status: res.status, body: (await res.json()) as { data?: unknown; error?: { code: string; message: string } } };
}

export async function api<K extends CallName>(baseUrl: string, token: string, name: K, input: CallInput<K>): Promise<CallOutput<K>> {
  const r = await apiRaw(baseUrl, token, name, input);
  if (r.body.error) throw new Error(`${name}: ${r.body.error.code} ${r.body.error.message}`);
  return r.body.data as CallOutput<K>;
}

/** The newest of the first `scan` orders whose customer has another order: it, and that other order. */
export async function returningCustomerOrder(baseUrl: string, token: string, scan: number): Promise<{ id: string; no: string; other: string } | null> {
  const { rows } = await api(baseUrl, token, 'orders.page', { startRow: 0, endRow: scan });
  for (const r of rows) {
    const d = await api(baseUrl, token, 'orders.get', { id: r.id });
    const other = d.customerOrders.find((o) => o.id !== r.id);
    if (other) return { id: r.id, no: r.platformOrderId, other: other.platformOrderId };
  }
  return null;
}

export class OrdersPage {
  constructor(readonly page: Page) {}

  header(colId: string): Locator {
    return this.page.locator(`.ag-header-cell[col-id="${colId}"]`);
  }

  /**
   * Opens 列设置 and waits until its popover has stopped zooming in: a click aimed while it still
   * scales can land beside a 16 px checkbox (CI under load: "clicking the checkbox did not change its state").
   */
  async columnsMenu(): Promise<Locator> {
    await this.page.getByRole('button', { name: '列设置' }).click();
    const menu = this.page.getByTestId('columns-menu');
    await menu.waitFor();
    await this.page.waitForFunction(() => {
      const pop = (globalThis as unknown as { document: { querySelector(s: string): { className: string } | null } }).document.querySelector('.ant-popover:not(.ant-popover-hidden)');
      return !!pop && !/-(enter|appear)/.test(pop.className);
    });
    return menu;
  }

  /** The count the toolbar shows ("共 123 单"), or null while unknown. */
  async total(): Promise<number | null> {
    const text = (await this.page.getByTestId('orders-total').textContent()) ?? '';
    const m = /([\d,]+)/.exec(text);
    return m ? Number(m[1]!.replace(/,/g, '')) : null;
  }

  /** Rendered rows' cell texts for one column, top to bottom (only the rows AG Grid has drawn). */
  async column(colId: string): Promise<string[]> {
    await this.revealColumn(colId);
    return this.page.evaluate((id) => {
      // AG Grid 36 draws one element per row (pinned cells inside it), keyed by row-index.
      const rows = [...document.querySelectorAll('.ag-row[row-index]')];
      const byIndex = new Map<number, string>();
      for (const r of rows) {
        const cell = r.querySelector(`[col-id="${id}"]`);
        const idx = Number(r.getAttribute('row-index'));
        if (cell && !Number.isNaN(idx)) byIndex.set(idx, (cell.textContent ?? '').trim());
      }
      return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
    }, colId);
  }

  cell(rowIndex: number, colId: string): Locator {
    return this.page.locator(`.ag-row[row-index="${rowIndex}"] [col-id="${colId}"]`).first();
  }

  async quickSearch(text: string): Promise<void> {
    const box = this.page.getByTestId('orders-quick').locator('input');
    await box.fill(text);
    await box.press('Enter');
  }

  /** AG Grid only draws the headers near the viewport: scroll sideways until this one exists. */
  async revealColumn(colId: string): Promise<void> {
    await this.page.waitForFunction(
      (id) => {
        if (document.querySelector(`.ag-header-cell[col-id="${id}"]`)) return true;
        const h = document.querySelector('.ag-body-horizontal-scroll-viewport');
        if (h) {
          const max = h.scrollWidth - h.clientWidth;
          h.scrollLeft = h.scrollLeft >= max - 1 ? 0 : Math.min(max, h.scrollLeft + 500);
        }
        return false;
      },
      colId,
      { polling: 60, timeout: 10_000 },
    );
    await this.header(colId).scrollIntoViewIfNeeded();
  }

  /** Opens a column's filter popup (scrolling the header into view first). */
  async openFilter(colId: string): Promise<Locator> {
    await this.revealColumn(colId);
    await this.header(colId).hover();
    await this.header(colId).locator('.ag-header-cell-filter-button').click();
    const popup = this.page.locator('.ag-popup .ag-filter').last();
    await popup.waitFor();
    return popup;
  }

  /** Ticks the given labels in our pick-list filter and applies it. */
  async pick(colId: string, labels: string[]): Promise<void> {
    const popup = await this.openFilter(colId);
    for (const label of labels) await popup.getByRole('checkbox', { name: label, exact: true }).check();
    await popup.getByRole('button', { name: /应\s*用/ }).click();
    await this.page.keyboard.press('Escape');
  }

  /** AG Grid's own date filter, "in range" (inclusive days). */
  async dateRange(colId: string, from: string, to: string): Promise<void> {
    const popup = await this.openFilter(colId);
    const inputs = popup.locator('input[type="date"]');
    await inputs.nth(0).fill(from);
    await inputs.nth(1).fill(to);
    await popup.getByRole('button', { name: /应\s*用/ }).click();
  }

  /** Clicks a header's label (shift adds to a multi-column sort). */
  async sortBy(colId: string, opts: { shift?: boolean } = {}): Promise<void> {
    await this.revealColumn(colId);
    await this.header(colId).locator('.ag-header-cell-label').click({ modifiers: opts.shift ? ['Shift'] : [] });
  }

  /** Scrolls the grid to its last row and waits until AG Grid drew it. */
  async scrollToEnd(total: number): Promise<void> {
    await this.page.waitForFunction(
      (n) => {
        const v = document.querySelector('.ag-body-vertical-scroll-viewport') ?? document.querySelector('.ag-body-viewport');
        if (v) v.scrollTop = v.scrollHeight;
        const body = document.querySelector('.ag-body-viewport');
        if (body) body.scrollTop = body.scrollHeight;
        return !!document.querySelector(`.ag-row[row-index="${n - 1}"] [col-id="rowNo"]`)?.textContent?.trim();
      },
      total,
      { polling: 250, timeout: 30_000 },
    );
  }

  async selectRows(indexes: number[]): Promise<void> {
    for (const i of indexes) await this.page.locator(`.ag-row[row-index="${i}"] .ag-selection-checkbox input`).first().check();
  }

  drawer(): Locator {
    return this.page.locator('.ant-drawer-content');
  }
}
