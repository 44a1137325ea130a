// A year of the working-day calendar as twelve month grids: statutory holidays, ordinary rest days,
// make-up working days (调休) and working days in distinct colours, with the named days listed.
import { Col, Flex, Row, Tooltip, Typography } from "antd";
import { ToneTag } from "../../components/ToneTag";
import { useTranslation } from "react-i18next";
import type { CalendarDay } from "../../api/types";
import { formatDate } from "../../format";

const COLORS = {
  holiday: { background: "#fff1f0", color: "#a8071a" },
  rest: { background: "#f5f5f5", color: "#434343" },
  makeup: { background: "#fff7e6", color: "#873800" },
  work: { background: "#ffffff", color: "#1f1f1f" },
};

type Kind = keyof typeof COLORS;

/** Read by screen readers, not shown. */
const VISUALLY_HIDDEN = { position: "absolute", width: 1, height: 1, overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap" } as const;

const weekday = (date: string) => {
  const [y, m, d] = date.split("-").map(Number);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday = 0
};

function kindOf(day: CalendarDay): Kind {
  const weekend = weekday(day.date) >= 5;
  if (!day.isWorkday) return day.name ? "holiday" : "rest";
  return weekend ? "makeup" : "work";
}

function MonthGrid({ month, days }: { month: number; days: CalendarDay[] }) {
  const { t } = useTranslation();
  const lead = days.length ? weekday(days[0].date) : 0;
  const cells: (CalendarDay | null)[] = [...Array<null>(lead).fill(null), ...days];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
  const weekdays = t("calendar.weekdays").split(",");
  return (
    <table style={{ width: "100%", borderCollapse: "collapse", tableLayout: "fixed", fontSize: 12 }}>
      <caption style={{ fontWeight: 600, textAlign: "start", paddingBottom: 4 }}>{t(`calendar.months.${month}`)}</caption>
      <thead>
        <tr>
          {weekdays.map((w) => (
            <th key={w} scope="col" style={{ fontWeight: 400, color: "#595959" }}>
              {w}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, i) => (
          <tr key={i}>
            {week.map((day, j) => {
              if (!day) return <td key={j} />;
              const kind = kindOf(day);
              const label = `${formatDate(day.date)} ${t(`calendar.kind.${kind}`)}${day.name ? ` · ${day.name}` : ""}`;
              return (
                <td key={j} style={{ padding: 1 }}>
                  <Tooltip title={label}>
                    <div
                      style={{
                        ...COLORS[kind],
                        textAlign: "center",
                        borderRadius: 4,
                        padding: "2px 0",
                        fontWeight: kind === "holiday" || kind === "makeup" ? 600 : 400,
                        outline: day.source === "override" ? "1px dashed #0958d9" : undefined,
                      }}
                    >
                      <span aria-hidden>{Number(day.date.slice(8))}</span>
                      <span style={VISUALLY_HIDDEN}>{label}</span>
                    </div>
                  </Tooltip>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface NamedRun {
  name: string;
  isWorkday: boolean;
  from: string;
  to: string;
}

/** Consecutive days with the same name and kind, e.g. 春节 2月15日–2月23日. */
function namedRuns(days: CalendarDay[]): NamedRun[] {
  const runs: NamedRun[] = [];
  for (const d of days) {
    if (!d.name) continue;
    const last = runs[runs.length - 1];
    const prev = last && new Date(`${last.to}T00:00:00Z`).getTime() + 86_400_000;
    if (last && last.name === d.name && last.isWorkday === d.isWorkday && prev === new Date(`${d.date}T00:00:00Z`).getTime()) {
      last.to = d.date;
    } else runs.push({ name: d.name, isWorkday: d.isWorkday, from: d.date, to: d.date });
  }
  return runs;
}

export function YearGrid({ days }: { days: CalendarDay[] }) {
  const { t } = useTranslation();
  const byMonth = Array.from({ length: 12 }, (_, m) => days.filter((d) => Number(d.date.slice(5, 7)) === m + 1));
  const runs = namedRuns(days);
  return (
    <>
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        {(Object.keys(COLORS) as Kind[]).map((k) => (
          <span key={k} style={{ ...COLORS[k], padding: "2px 8px", borderRadius: 4, border: "1px solid #d9d9d9" }}>
            {t(`calendar.kind.${k}`)}
          </span>
        ))}
        <span style={{ padding: "2px 8px", outline: "1px dashed #0958d9", borderRadius: 4 }}>{t("calendar.overrideMark")}</span>
      </Flex>
      <Row gutter={[24, 24]}>
        {byMonth.map((monthDays, m) => (
          <Col key={m} xs={24} sm={12} lg={8} xxl={6}>
            <MonthGrid month={m + 1} days={monthDays} />
          </Col>
        ))}
      </Row>
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
        {t("calendar.namedDays")}
      </Typography.Title>
      {runs.length === 0 ? (
        <Typography.Text type="secondary">{t("calendar.noNamedDays")}</Typography.Text>
      ) : (
        <Flex wrap gap={8}>
          {runs.map((r) => (
            <ToneTag key={r.from} tone={r.isWorkday ? "orange" : "red"}>
              {r.name}：{formatDate(r.from)}
              {r.to !== r.from ? ` – ${formatDate(r.to)}` : ""}（{r.isWorkday ? t("calendar.workday") : t("calendar.restDay")}）
            </ToneTag>
          ))}
        </Flex>
      )}
    </>
  );
}
