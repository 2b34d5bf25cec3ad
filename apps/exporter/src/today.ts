/**
 * Today's date, YYYY-MM-DD, in the user's time zone (an edition made this morning carries
 * this morning's date). With SOURCE_DATE_EPOCH set (reproducible builds) it is that
 * moment's UTC date instead, so the same command gives the same bytes on any day.
 */
export function todayFrom(env: Readonly<Record<string, string | undefined>>, now: Date): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) {
    return new Date(Number(epoch.trim()) * 1000).toISOString().slice(0, 10);
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
