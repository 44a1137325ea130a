import { describe, expect, it } from "vitest";
import { reminderDue } from "./jobs.js";
import { fold } from "./public.js";

describe("annual plan reminders (第十六条: due 31 December)", () => {
  it("sends the 30-day reminder from 1 December", () => {
    expect(reminderDue("2026-11-30", "2026-12-31")).toBeNull();
    expect(reminderDue("2026-12-01", "2026-12-31")).toBe(30);
    expect(reminderDue("2026-12-23", "2026-12-31")).toBe(30);
  });
  it("sends the 7-day and the 1-day reminders in their weeks, and nothing after the due date", () => {
    expect(reminderDue("2026-12-24", "2026-12-31")).toBe(7);
    expect(reminderDue("2026-12-29", "2026-12-31")).toBe(7);
    expect(reminderDue("2026-12-30", "2026-12-31")).toBe(1);
    expect(reminderDue("2026-12-31", "2026-12-31")).toBe(1);
    expect(reminderDue("2027-01-01", "2026-12-31")).toBeNull();
  });
});

describe("iCalendar line folding (RFC 5545 §3.1)", () => {
  it("keeps every physical line within 75 octets without splitting a Chinese character", () => {
    const line = `SUMMARY:${"专业技术人员继续教育".repeat(12)}`;
    const folded = fold(line);
    for (const part of folded.split("\r\n")) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(folded.split("\r\n").map((p, i) => (i === 0 ? p : p.slice(1))).join("")).toBe(line);
  });
  it("leaves a short line alone", () => {
    expect(fold("VERSION:2.0")).toBe("VERSION:2.0");
  });
});
