// The working-day calendar (第十六条 counts filing lead time in 工作日): official holidays and make-up
// working days from chinese-days, bureau overrides, and years the package does not cover.
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, startServer, type TestServer } from "../../../test/support/harness.js";
import { WorkCalendar, isYearInPackage } from "./calendar.js";
import { DomainError } from "./errors.js";

const official = createRequire(import.meta.url)("chinese-days/dist/chinese-days.json") as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
}

describe.each(dialects)("working-day calendar on %s", (dialect) => {
  let server: TestServer;
  const db = () => server.app.platform.db;

  async function override(date: string, isWorkday: boolean, name: string) {
    await db().insertInto("calendarOverrides").values({ date, isWorkday: isWorkday ? 1 : 0, name, createdAt: new Date().toISOString(), createdBy: null }).execute();
  }
  async function removeOverrides(...dates: string[]) {
    await db().deleteFrom("calendarOverrides").where("date", "in", dates).execute();
  }

  beforeAll(async () => {
    server = await startServer(dialect, {}, { demo: false });
  });
  afterAll(async () => {
    await server?.close();
  });

  describe("2026 from the package", () => {
    it("knows every day of the 2026 National Day holiday, named 国庆节", async () => {
      const cal = await WorkCalendar.load(db(), "2026-01-01", "2026-12-31");
      expect(cal.coveredBy(2026)).toBe("package");
      for (let d = 1; d <= 7; d++) {
        const date = `2026-10-0${d}`;
        expect(cal.day(date), date).toEqual({ date, isWorkday: false, name: "国庆节", source: "official" });
      }
      // a Thursday that would be a working day but for the holiday
      expect(cal.isWorkday("2026-10-01")).toBe(false);
      expect(cal.isWorkday("2026-10-08")).toBe(true);
    });

    it("names the Spring Festival holiday 春节 even on a weekday", async () => {
      const cal = await WorkCalendar.load(db(), "2026-01-01", "2026-12-31");
      expect(cal.day("2026-02-18")).toEqual({ date: "2026-02-18", isWorkday: false, name: "春节", source: "official" });
    });

    it("counts the make-up Saturday and Sunday (调休) of 2026 as working days", async () => {
      // from node_modules/chinese-days/dist/chinese-days.json `workdays`
      expect(official.workdays["2026-10-10"]).toContain("国庆节");
      expect(official.workdays["2026-09-20"]).toContain("国庆节");
      const cal = await WorkCalendar.load(db(), "2026-01-01", "2026-12-31");
      expect(new Date("2026-10-10T00:00:00Z").getUTCDay()).toBe(6);
      expect(cal.day("2026-10-10")).toEqual({ date: "2026-10-10", isWorkday: true, name: "国庆节调休", source: "official" });
      expect(new Date("2026-09-20T00:00:00Z").getUTCDay()).toBe(0);
      expect(cal.day("2026-09-20")).toEqual({ date: "2026-09-20", isWorkday: true, name: "国庆节调休", source: "official" });
      expect(cal.day("2026-02-14")).toMatchObject({ isWorkday: true, name: "春节调休" });
    });

    it("treats an ordinary weekend as rest and an ordinary weekday as work", async () => {
      const cal = await WorkCalendar.load(db(), "2026-01-01", "2026-12-31");
      expect(cal.day("2026-10-11")).toEqual({ date: "2026-10-11", isWorkday: false, name: null, source: "weekday" }); // Sunday
      expect(cal.day("2026-10-17")).toEqual({ date: "2026-10-17", isWorkday: false, name: null, source: "weekday" }); // Saturday
      expect(cal.day("2026-10-12")).toEqual({ date: "2026-10-12", isWorkday: true, name: null, source: "weekday" }); // Monday
    });

    it("counts 5 working days before 2026-10-09 across National Day and Mid-Autumn to 2026-09-24", async () => {
      // 10-08 Thu (1); 10-01..10-07 国庆节; 09-30 Wed (2), 09-29 Tue (3), 09-28 Mon (4);
      // 09-25..09-27 中秋 (a Friday holiday and the weekend); 09-24 Thu (5).
      expect(official.holidays["2026-09-25"]).toContain("中秋");
      const cal = await WorkCalendar.load(db(), "2026-06-01", "2026-12-31");
      expect(cal.workdaysBefore("2026-10-09", 1)).toBe("2026-10-08");
      expect(cal.workdaysBefore("2026-10-09", 2)).toBe("2026-09-30");
      expect(cal.workdaysBefore("2026-10-09", 5)).toBe("2026-09-24");
    });

    it("counts the make-up Saturday when counting back from the Monday after National Day", async () => {
      const cal = await WorkCalendar.load(db(), "2026-06-01", "2026-12-31");
      // 10-11 Sun rest, 10-10 Sat 调休 (1), 10-09 Fri (2)
      expect(cal.workdaysBefore("2026-10-12", 2)).toBe("2026-10-09");
      expect(cal.workdaysBefore("2026-10-12", 1)).toBe("2026-10-10");
    });

    it("counts the working days between two dates, excluding the first and including the last", async () => {
      const cal = await WorkCalendar.load(db(), "2026-06-01", "2026-12-31");
      // 10-08, 10-09, 10-10 (调休), 10-12
      expect(cal.workdaysBetween("2026-09-30", "2026-10-12")).toBe(4);
      expect(cal.workdaysBetween("2026-10-01", "2026-10-07")).toBe(0);
      expect(cal.workdaysBetween("2026-10-12", "2026-10-12")).toBe(0);
    });
  });

  describe("bureau overrides", () => {
    afterAll(async () => {
      await removeOverrides("2026-10-09", "2026-10-17", "2026-10-07");
    });

    it("turns a working day into a holiday", async () => {
      await override("2026-10-09", false, "台风停工");
      const cal = await WorkCalendar.load(db(), "2026-06-01", "2026-12-31");
      expect(cal.day("2026-10-09")).toEqual({ date: "2026-10-09", isWorkday: false, name: "台风停工", source: "override" });
      // 10-11 Sun, 10-10 Sat 调休 (1), 10-09 now a holiday, 10-08 Thu (2)
      expect(cal.workdaysBefore("2026-10-12", 2)).toBe("2026-10-08");
    });

    it("turns a weekend day into a working day", async () => {
      await override("2026-10-17", true, "补班");
      const cal = await WorkCalendar.load(db(), "2026-06-01", "2026-12-31");
      expect(cal.day("2026-10-17")).toEqual({ date: "2026-10-17", isWorkday: true, name: "补班", source: "override" });
      expect(cal.workdaysBefore("2026-10-19", 1)).toBe("2026-10-17");
    });

    it("overrides an official holiday of the package", async () => {
      await override("2026-10-07", true, "国庆节后提前上班");
      const cal = await WorkCalendar.load(db(), "2026-06-01", "2026-12-31");
      expect(cal.day("2026-10-07")).toMatchObject({ isWorkday: true, source: "override" });
      expect(cal.workdaysBefore("2026-10-08", 1)).toBe("2026-10-07");
    });

    it("is not seen by a calendar loaded before it was entered", async () => {
      const before = await WorkCalendar.load(db(), "2026-06-01", "2026-12-31");
      await override("2026-12-31", false, "测试");
      try {
        expect(before.isWorkday("2026-12-31")).toBe(true);
        const after = await WorkCalendar.load(db(), "2026-06-01", "2026-12-31");
        expect(after.isWorkday("2026-12-31")).toBe(false);
      } finally {
        await removeOverrides("2026-12-31");
      }
    });
  });

  describe("a year the package does not cover (2027)", () => {
    it("is not in the package", () => {
      expect(isYearInPackage(2026)).toBe(true);
      expect(isYearInPackage(2027)).toBe(false);
      expect(Object.keys(official.holidays).some((d) => d.startsWith("2027"))).toBe(false);
    });

    it("refuses to answer about a 2027 day until the bureau confirms the year", async () => {
      const cal = await WorkCalendar.load(db(), "2026-12-01", "2027-12-31");
      expect(cal.coveredBy(2027)).toBeNull();
      const e = thrown(() => cal.day("2027-03-01"));
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe("CALENDAR_YEAR_NOT_COVERED");
      expect((e as DomainError).details).toEqual({ year: 2027 });
      expect((e as DomainError).status).toBe(422);
    });

    it("refuses to count back across New Year into an unconfirmed 2027", async () => {
      const cal = await WorkCalendar.load(db(), "2026-12-01", "2027-12-31");
      const e = thrown(() => cal.workdaysBefore("2027-01-06", 3));
      expect((e as DomainError).code).toBe("CALENDAR_YEAR_NOT_COVERED");
      const e2 = thrown(() => cal.workdaysBetween("2026-12-30", "2027-01-04"));
      expect((e2 as DomainError).code).toBe("CALENDAR_YEAR_NOT_COVERED");
    });

    it("counts weekdays of 2027 once the year is confirmed, and applies the bureau's holidays", async () => {
      await db().insertInto("calendarYears").values({ year: 2027, confirmedAt: new Date().toISOString(), confirmedBy: null }).execute();
      const plain = await WorkCalendar.load(db(), "2026-12-01", "2027-12-31");
      expect(plain.coveredBy(2027)).toBe("bureau");
      expect(plain.day("2027-03-01")).toEqual({ date: "2027-03-01", isWorkday: true, name: null, source: "weekday" }); // Monday
      expect(plain.day("2027-03-06")).toEqual({ date: "2027-03-06", isWorkday: false, name: null, source: "weekday" }); // Saturday
      // without the bureau's holidays, 2027-01-01 (a Friday) is an ordinary working day
      expect(plain.workdaysBefore("2027-01-04", 1)).toBe("2027-01-01");
      // 10-08 Fri (1), 10-07 Thu (2), 10-06 Wed (3)
      expect(plain.workdaysBefore("2027-10-11", 3)).toBe("2027-10-06");

      await override("2027-01-01", false, "元旦");
      for (let d = 1; d <= 7; d++) await override(`2027-10-0${d}`, false, "国庆节");
      await override("2027-10-09", true, "国庆节调休");
      const cal = await WorkCalendar.load(db(), "2026-12-01", "2028-12-31");
      expect(cal.day("2027-01-01")).toEqual({ date: "2027-01-01", isWorkday: false, name: "元旦", source: "override" });
      expect(cal.workdaysBefore("2027-01-04", 1)).toBe("2026-12-31");
      // 10-10 Sun, 10-09 Sat 调休 (1), 10-08 Fri (2), 10-01..10-07 国庆节, 09-30 Thu (3)
      expect(cal.workdaysBefore("2027-10-11", 3)).toBe("2027-09-30");
      // confirming 2027 says nothing about 2028
      expect(cal.coveredBy(2028)).toBeNull();
      expect((thrown(() => cal.day("2028-01-03")) as DomainError).details).toEqual({ year: 2028 });
    });

    it("refuses to answer for a date outside the window it loaded overrides for", async () => {
      const cal = await WorkCalendar.load(db(), "2026-10-01", "2026-10-31");
      expect(() => cal.day("2026-11-02")).toThrow(/loaded for 2026-10-01..2026-10-31/);
    });

    it("does not answer from an override alone in a year nobody has confirmed", async () => {
      await override("2028-05-02", true, "单独调整");
      const cal = await WorkCalendar.load(db(), "2028-01-01", "2028-12-31");
      expect((thrown(() => cal.day("2028-05-02")) as DomainError).code).toBe("CALENDAR_YEAR_NOT_COVERED");
    });
  });
});
