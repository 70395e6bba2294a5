const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BEIJING = 8 * HOUR;

/**
 * The moment the demo shop is pictured at. Normally now. `ORDERHUB_DEMO_BEIJING_HOUR=h` pins it
 * to the latest h:00 Beijing time not after now, so the picture (what waits for the morning
 * shift, what is mid-pick, what is stuck) is the same whatever hour it is generated: the
 * end-to-end tests set it, because a demo made at 10:00 has its night orders already picked
 * and one made at 08:00 does not. Orders never lie in the future: the picture is older, not shifted.
 */
export function demoPictureTime(now: number, beijingHour: string | undefined = process.env.ORDERHUB_DEMO_BEIJING_HOUR): number {
  if (beijingHour === undefined || beijingHour === '') return now;
  const hour = Number(beijingHour);
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new Error(`ORDERHUB_DEMO_BEIJING_HOUR 应为 0–23 的整数（值 ${beijingHour}） / must be an integer 0–23 (value ${beijingHour})`);
  const local = now + BEIJING;
  let at = local - (local % DAY) + hour * HOUR - BEIJING;
  if (at > now) at -= DAY;
  return at;
}
