/**
 * The toolbar's date presets (issue 15, item 5) as calendar days in the workspace zone: the
 * grid's date filter takes whole days ("YYYY-MM-DD", both ends included).
 */
export const DATE_PRESETS = ['today', 'yesterday', 'last7', 'thisMonth', 'lastMonth'] as const;
export type DatePreset = (typeof DATE_PRESETS)[number];

/** Today's date in `zone` as [year, month (1–12), day]. */
function localDate(now: number, zone: string): [number, number, number] {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(now));
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return [n('year'), n('month'), n('day')];
}

/** A calendar day as text, with month/day overflow carried (day 0 = the last day of the month before). */
function day(y: number, m: number, d: number): string {
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}

export function presetRange(preset: DatePreset, now: number, zone: string): { from: string; to: string } {
  const [y, m, d] = localDate(now, zone);
  switch (preset) {
    case 'today':
      return { from: day(y, m, d), to: day(y, m, d) };
    case 'yesterday':
      return { from: day(y, m, d - 1), to: day(y, m, d - 1) };
    case 'last7':
      return { from: day(y, m, d - 6), to: day(y, m, d) };
    case 'thisMonth':
      return { from: day(y, m, 1), to: day(y, m, d) };
    case 'lastMonth':
      return { from: day(y, m - 1, 1), to: day(y, m, 0) };
  }
}

/** The preset a (from, to) day range is, if any: so a saved view or a column filter lights the right button. */
export function presetOf(range: { from: string; to: string } | null, now: number, zone: string): DatePreset | null {
  if (!range) return null;
  return DATE_PRESETS.find((p) => {
    const r = presetRange(p, now, zone);
    return r.from === range.from && r.to === range.to;
  }) ?? null;
}
