/**
 * "Calls are too frequent", however a platform puts it: 频繁 (frequent), 限流 (throttled), 超限
 * (over the limit), "limit", "too many", "frequency", "qps". Platforms say it in codes nobody
 * documented as well as in the ones they did, so an error's own words count wherever they are.
 */
const TOO_FREQUENT = /频繁|限流|超限|超过.{0,6}(频率|次数|限制)|limit|too\s*many|frequen|qps/i;

export function saysTooFrequent(...texts: (string | null | undefined)[]): boolean {
  return texts.some((t) => !!t && TOO_FREQUENT.test(t));
}
