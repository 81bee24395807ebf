/** What the projection says about a code's window at `now`. */
export function windowText(opensAt: string, closesAt: string, now: number): string {
  const opens = Date.parse(opensAt);
  const closes = Date.parse(closesAt);
  if (now < opens) return `入力開始まで ${clock(opens - now)}`;
  if (now <= closes) return `入力締切まで あと ${clock(closes - now + 1000)}`;
  return "入力時間は終了しました";
}

/** `1:05:09`, `5:09` */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}
