// 第十九条 双随机: the draw is a pure function of the stored candidates and the seed.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { byId, drawFrom, DrawRefusal, drawSpotCheck, DrawStream, type DrawInput } from "./spot-check-draw.js";

const bases = byId(Array.from({ length: 12 }, (_, i) => ({ id: `b${String(i).padStart(2, "0")}`, hostOrgId: `org${i % 4}` })));
const inspectors = byId(Array.from({ length: 8 }, (_, i) => ({ id: `u${i}`, orgId: `org${i % 5}` })));
const input = (o: Partial<DrawInput> = {}): DrawInput => ({ seed: "0123456789abcdef0123456789abcdef", baseCandidates: bases, inspectorCandidates: inspectors, baseCount: 4, inspectorCount: 2, ...o });

describe("the spot-check draw (sha256-ctr-fisher-yates-v1)", () => {
  it("redraws the same bases and inspectors from the same seed and candidates", () => {
    expect(drawSpotCheck(input())).toEqual(drawSpotCheck(input()));
  });

  it("draws differently from a different seed", () => {
    const a = drawSpotCheck(input());
    const b = drawSpotCheck(input({ seed: "fedcba9876543210fedcba9876543210" }));
    expect(b).not.toEqual(a);
  });

  it("draws distinct bases and distinct inspectors per base", () => {
    const r = drawSpotCheck(input({ baseCount: 6, inspectorCount: 3 }));
    expect(new Set(r.baseIds).size).toBe(6);
    for (const id of r.baseIds) {
      const mine = r.inspectors.filter((i) => i.baseId === id).map((i) => i.inspectorId);
      expect(new Set(mine).size).toBe(3);
    }
  });

  it("never draws an inspector of the base's own organization", () => {
    for (let s = 0; s < 50; s++) {
      const r = drawSpotCheck(input({ seed: `seed${s}`, baseCount: 12, inspectorCount: 3 }));
      for (const { baseId, inspectorId } of r.inspectors) {
        expect(bases.find((b) => b.id === baseId)!.hostOrgId).not.toBe(inspectors.find((i) => i.id === inspectorId)!.orgId);
      }
    }
  });

  it("takes every candidate in stored order for a comprehensive review", () => {
    expect(drawSpotCheck(input({ baseCount: null, inspectorCount: 0 }))).toEqual({ baseIds: bases.map((b) => b.id), inspectors: [] });
  });

  it("refuses to draw more bases, or more inspectors for a base, than there are candidates", () => {
    expect(() => drawSpotCheck(input({ baseCount: 13 }))).toThrow(DrawRefusal);
    // org0 hosts b00: of 8 inspectors, u0 and u5 are of org0, so 6 remain eligible.
    try {
      drawSpotCheck(input({ baseCount: 12, inspectorCount: 7 }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DrawRefusal);
      expect(e).toMatchObject({ what: "inspectors", count: 7, candidates: 6 });
    }
  });

  it("follows its published description: SHA-256 blocks, big-endian words, a partial Fisher–Yates shuffle", () => {
    const seed = "abc";
    const block = createHash("sha256").update("abc|bases|0").digest();
    const s = new DrawStream(seed, "bases");
    for (let i = 0; i < 8; i++) expect(s.nextUint32()).toBe(block.readUInt32BE(i * 4));
    expect(s.nextUint32()).toBe(createHash("sha256").update("abc|bases|1").digest().readUInt32BE(0));
    // By hand: j0 = 0 + x0 mod 5, then j1 = 1 + x1 mod 4 (no rejection is near for such small n).
    const items = ["a", "b", "c", "d", "e"];
    const x0 = block.readUInt32BE(0) % 5;
    const after = [...items];
    [after[0], after[x0]] = [after[x0], after[0]];
    const x1 = 1 + (block.readUInt32BE(4) % 4);
    [after[1], after[x1]] = [after[x1], after[1]];
    expect(drawFrom(items, 2, new DrawStream(seed, "bases"))).toEqual(after.slice(0, 2));
  });

  it("draws each position uniformly (no candidate is favoured)", () => {
    const hits = new Map<string, number>();
    for (let s = 0; s < 3000; s++) {
      const [first] = drawFrom(["a", "b", "c"], 1, new DrawStream(`u${s}`, "bases"));
      hits.set(first, (hits.get(first) ?? 0) + 1);
    }
    for (const n of hits.values()) expect(n).toBeGreaterThan(850);
  });
});
