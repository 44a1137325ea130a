// How dates and numbers are shown (STYLE.md "Front end"): calendar dates as 2026年12月14日, instants
// as 2026年12月14日 09:30 in Asia/Shanghai whatever the browser's time zone.
import { currentLang } from "./i18n";

const ZONE = "Asia/Shanghai";

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function shanghaiParts(instant: Date): Parts {
  const fmt = new Intl.DateTimeFormat("en-GB", {
    timeZone: ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const get = (type: string) => Number(fmt.formatToParts(instant).find((p) => p.type === type)?.value ?? 0);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute") };
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

function dateText(p: Pick<Parts, "year" | "month" | "day">): string {
  return currentLang() === "en-US" ? `${EN_MONTHS[p.month - 1]} ${p.day}, ${p.year}` : `${p.year}年${p.month}月${p.day}日`;
}

/** `2026-12-14` (or an ISO instant, taken in Asia/Shanghai) → `2026年12月14日`. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "";
  const m = DATE_ONLY.exec(value);
  if (m) return dateText({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : dateText(shanghaiParts(d));
}

/** ISO instant → `2026年12月14日 09:30` in Asia/Shanghai. */
export function formatInstant(value: string | null | undefined): string {
  if (!value) return "";
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const p = shanghaiParts(d);
  return `${dateText(p)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** `MM-DD` → `12月31日`. */
export function formatMonthDay(value: string): string {
  const [m, d] = value.split("-").map(Number);
  if (!m || !d) return value;
  return currentLang() === "en-US" ? `${EN_MONTHS[m - 1]} ${d}` : `${m}月${d}日`;
}

/** 0.6667 → `66.67%`. */
export function formatPercent(ratio: number): string {
  return `${Number((ratio * 100).toFixed(2))}%`;
}

/** Today as YYYY-MM-DD in Asia/Shanghai. */
export function todayInShanghai(now: Date = new Date()): string {
  const p = shanghaiParts(now);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

export function currentYearInShanghai(): number {
  return shanghaiParts(new Date()).year;
}

/** True when an ISO instant lies in the future. */
export function isFuture(value: string | null | undefined): boolean {
  return !!value && new Date(value).getTime() > Date.now();
}

/** Integer fen → `¥1,200.00` (money is carried as fen, DESIGN.md "API conventions"). */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return "";
  const whole = Math.round(Math.abs(fen));
  const yuan = Math.floor(whole / 100).toLocaleString("en-US");
  return `${fen < 0 ? "-" : ""}¥${yuan}.${pad(whole % 100)}`;
}

/** 元 typed in a form → integer fen; empty stays empty. */
export function yuanToFen(yuan: number | null | undefined): number | undefined {
  return yuan === null || yuan === undefined || !Number.isFinite(yuan) ? undefined : Math.round(yuan * 100);
}

export function fenToYuan(fen: number | null | undefined): number | undefined {
  return fen === null || fen === undefined ? undefined : fen / 100;
}

/** A score or mean with at most two decimals: 86.5 → `86.5`, 86.666… → `86.67`. */
export function formatScore(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "—" : String(Number(value.toFixed(2)));
}
