// The platform's facts of one dimension (第十八条), shown beside its criteria: what the base filed and
// delivered that year, counted by the server when the draft was opened (or last refreshed).
import type { ReactNode } from "react";
import { Descriptions, List, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { DimensionKey, InspectionFacts } from "../../../api/supervision/inspections";
import { formatFen, formatPercent, formatScore } from "../../../format";

type Pair = [string, ReactNode];
const pct = (r: number | null) => (r === null ? "—" : formatPercent(r));

function pairsOf(key: DimensionKey, f: InspectionFacts, t: (k: string, o?: Record<string, unknown>) => string): { pairs: Pair[]; extra?: ReactNode } {
  const l = (k: string) => t(`supervision.inspections.fact.${k}`);
  switch (key) {
    case "teachers":
      return {
        pairs: [
          [l("teacherCount"), f.teachers.teacherCount],
          [l("ratedTeachers"), f.teachers.ratedTeachers],
          [l("averageRating"), formatScore(f.teachers.averageRating)],
        ],
        extra: f.teachers.teachers.length > 0 && (
          <List
            size="small"
            dataSource={f.teachers.teachers}
            renderItem={(x) => (
              <List.Item>
                <Typography.Text>
                  {x.name}
                  <Typography.Text type="secondary">{[x.title, x.org].filter(Boolean).join("，") ? `（${[x.title, x.org].filter(Boolean).join("，")}）` : ""}</Typography.Text>
                  {" · "}
                  {t("supervision.inspections.fact.teacherLine", { projects: x.projects, rating: x.rating === null ? l("noRating") : formatScore(x.rating) })}
                </Typography.Text>
              </List.Item>
            )}
          />
        ),
      };
    case "funding":
      return {
        pairs: [
          [l("standards"), f.funding.standards.length ? f.funding.standards.map((s) => `${l(s.kind)} ${formatFen(s.amountFen)}`).join("；") : l("noStandard")],
          [l("chargedProjects"), f.funding.chargedProjects],
          [l("freeProjects"), f.funding.freeProjects],
          [l("maxFee"), formatFen(f.funding.maxFeeFen)],
          [l("feeIncome"), formatFen(f.funding.feeIncomeFen)],
          [
            l("overStandard"),
            f.funding.overStandard.length ? (
              <Typography.Text type="danger">{f.funding.overStandard.map((o) => `${o.title}（${formatFen(o.feeFen)} > ${o.standardFen === null ? l("noStandard") : formatFen(o.standardFen)}）`).join("；")}</Typography.Text>
            ) : (
              l("none")
            ),
          ],
        ],
      };
    case "facilities":
      return {
        pairs: [
          [l("venues"), f.facilities.venues.join("；") || "—"],
          [l("modes"), `${f.facilities.modes.offline} / ${f.facilities.modes.online} / ${f.facilities.modes.blended}`],
          [l("capacity"), f.facilities.capacity],
          [l("enrolled"), f.facilities.enrolled],
          [l("capacityUse"), pct(f.facilities.capacityUse)],
        ],
      };
    case "systems":
      return {
        pairs: [
          [
            l("planStatus"),
            f.systems.planStatus
              ? `${t(`supervision.inspections.planStatus.${f.systems.planStatus}`)}（${f.systems.planLate ? l("late") : l("onTime")}）`
              : l("noPlan"),
          ],
          [l("latePlans"), f.systems.latePlans],
          [l("adHocProjects"), f.systems.adHocProjects],
          [l("returnedProjects"), f.systems.returnedProjects],
          [l("archives"), `${f.systems.archivesComplete} / ${f.systems.archivesTotal}`],
          [l("certificatesRevoked"), f.systems.certificatesRevoked],
        ],
      };
    case "tasks":
      return {
        pairs: [
          [l("plannedProjects"), f.tasks.plannedProjects],
          [l("filedProjects"), f.tasks.filedProjects],
          [l("completedProjects"), f.tasks.completedProjects],
          [l("returnedProjects"), f.tasks.returnedProjects],
          [l("cancelledProjects"), f.tasks.cancelledProjects],
          [l("hoursDelivered"), formatScore(f.tasks.hoursDelivered)],
          [l("participants"), f.tasks.participants],
          [l("certificatesIssued"), f.tasks.certificatesIssued],
          [l("creditHours"), formatScore(f.tasks.creditHours)],
        ],
      };
    case "effect":
      return {
        pairs: [
          [l("sessions"), f.effect.sessions],
          [l("checkIns"), f.effect.checkIns],
          [l("attendanceRate"), pct(f.effect.attendanceRate)],
          [l("completed"), f.effect.completed],
          [l("completionRate"), pct(f.effect.completionRate)],
          [l("surveyResponses"), f.effect.surveyResponses],
          [l("surveyAverage"), formatScore(f.effect.surveyAverage)],
          ...f.effect.questionAverages.map((q): Pair => [q.label, formatScore(q.average)]),
        ],
      };
  }
}

export function FactsView({ dimension, facts }: { dimension: DimensionKey; facts: Record<string, unknown> }) {
  const { t } = useTranslation();
  // The server answers each dimension's facts under its key; the whole shape is InspectionFacts.
  const all = { [dimension]: facts } as unknown as InspectionFacts;
  const { pairs, extra } = pairsOf(dimension, all, t);
  return (
    <>
      <Descriptions size="small" column={1} bordered items={pairs.map(([label, children], i) => ({ key: String(i), label, children }))} />
      {extra}
    </>
  );
}
