// Human-facing formats used in messages and exports (Asia/Shanghai).
export function shanghaiDateTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}
