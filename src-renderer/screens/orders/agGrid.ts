/**
 * The AG Grid Community modules the orders grid uses, registered once, plus its theme and
 * locale. Registering only what we use keeps the bundle small; a missing one shows up as
 * AG Grid "error #200" in the console, so add it here when a feature needs it.
 */
import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';
import {
  CellApiModule, CellStyleModule, ColumnApiModule, ColumnAutoSizeModule, CustomFilterModule, DateFilterModule,
  EventApiModule, GridStateModule, InfiniteRowModelModule, LocaleModule, ModuleRegistry, NumberFilterModule, RenderApiModule,
  RowApiModule, RowSelectionModule, ScrollApiModule, TextFilterModule, TooltipModule, themeQuartz,
} from 'ag-grid-community';

let registered = false;
export function registerGridModules(): void {
  if (registered) return;
  registered = true;
  ModuleRegistry.registerModules([
    InfiniteRowModelModule, LocaleModule, TextFilterModule, NumberFilterModule, DateFilterModule, CustomFilterModule,
    RowSelectionModule, RowApiModule, ScrollApiModule, ColumnApiModule, ColumnAutoSizeModule, CellApiModule, CellStyleModule,
    RenderApiModule, EventApiModule, TooltipModule, GridStateModule,
  ]);
}

/** Quartz, tightened for 1366×768 office screens, in the antd palette. */
export const gridTheme = themeQuartz.withParams({
  fontFamily: ['-apple-system', 'BlinkMacSystemFont', 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'sans-serif'],
  fontSize: 13,
  headerFontSize: 13,
  rowHeight: 34,
  headerHeight: 36,
  spacing: 6,
  accentColor: '#1677ff',
  borderRadius: 4,
  wrapperBorderRadius: 6,
});

/** AG Grid's own words in the UI language, with our wording where the grid's is generic. */
export const gridLocale = (lang: string, overrides: Record<string, string>) => ({ ...(lang === 'en' ? AG_GRID_LOCALE_EN : AG_GRID_LOCALE_CN), ...overrides });
