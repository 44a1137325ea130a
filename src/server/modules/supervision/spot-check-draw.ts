// 第十九条 双随机: the draw of a spot check, as a pure function of the stored candidate lists and the seed,
// so anyone holding them can redraw it and check that the published result is the one the seed gives.
import { createHash } from "node:crypto";

export const DRAW_ALGORITHM = "sha256-ctr-fisher-yates-v1";

export const DRAW_ALGORITHM_DESCRIPTION = [
  "随机数流：第 k 块（k = 0, 1, 2, …）为 SHA-256(UTF-8(种子 + \"|\" + 标签 + \"|\" + k))，每块按大端序切成 8 个 32 位无符号整数，依次取用。",
  "取 [0, n) 内的随机整数：取下一个整数 x，若 x ≥ 2^32 − (2^32 mod n) 则舍弃重取（拒绝采样，无偏），否则为 x mod n。",
  "抽基地（标签 bases）：候选基地按 id 升序排列为 c[0..n−1]，对 i = 0 … m−1 取 j = i + 随机整数[0, n−i)，交换 c[i] 与 c[j]（Fisher–Yates 洗牌的前 m 步），c[0..m−1] 依抽中顺序即为抽中的基地。综合评估不抽基地，全部候选基地按 id 顺序参加。",
  "抽检查人员（标签 inspectors:<基地 id>）：对每个抽中的基地，按抽中顺序，从按 id 升序排列的专家库中去掉与该基地建设单位同属一个单位的专家（回避），在剩余名单上以同样方法抽取每个基地所需人数；同一专家可被抽到多个基地。",
].join("\n");

/** A deterministic stream of 32-bit integers: SHA-256(seed‖"|"‖label‖"|"‖counter), big-endian words. */
export class DrawStream {
  private counter = 0;
  private words: number[] = [];
  constructor(
    private readonly seed: string,
    private readonly label: string,
  ) {}

  nextUint32(): number {
    if (this.words.length === 0) {
      const block = createHash("sha256").update(`${this.seed}|${this.label}|${this.counter++}`, "utf8").digest();
      for (let i = 0; i < 32; i += 4) this.words.push(block.readUInt32BE(i));
    }
    return this.words.shift()!;
  }

  /** Uniform in [0, n) by rejection sampling (no modulo bias). */
  below(n: number): number {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`below(${n})`);
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }
}

/** The first `k` items of a Fisher–Yates shuffle of `items` driven by the stream. */
export function drawFrom<T>(items: readonly T[], k: number, stream: DrawStream): T[] {
  const a = [...items];
  for (let i = 0; i < k; i++) {
    const j = i + stream.below(a.length - i);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, k);
}

export interface DrawBase {
  id: string;
  hostOrgId: string;
}
export interface DrawInspector {
  id: string;
  orgId: string;
}

export interface DrawInput {
  seed: string;
  /** Sorted by id (the stored order). */
  baseCandidates: readonly DrawBase[];
  /** Sorted by id (the stored order). */
  inspectorCandidates: readonly DrawInspector[];
  /** null: every candidate (a comprehensive review); otherwise how many bases to draw. */
  baseCount: number | null;
  /** Inspectors per drawn base (0: none). */
  inspectorCount: number;
}

export interface DrawResult {
  baseIds: string[];
  inspectors: Array<{ baseId: string; inspectorId: string }>;
}

/** Why a draw cannot be made: too few candidates of a kind (`base` names the base short of inspectors). */
export class DrawRefusal extends Error {
  constructor(
    readonly what: "bases" | "inspectors",
    readonly count: number,
    readonly candidates: number,
    readonly baseId?: string,
  ) {
    super(`cannot draw ${count} ${what} from ${candidates}`);
  }
}

/** 双随机: an inspector never inspects a base of their own organization (回避). */
export const isConflict = (base: DrawBase, inspector: DrawInspector) => base.hostOrgId === inspector.orgId;

export function eligibleInspectors(base: DrawBase, candidates: readonly DrawInspector[]): DrawInspector[] {
  return candidates.filter((i) => !isConflict(base, i));
}

export function drawSpotCheck(input: DrawInput): DrawResult {
  const { seed, baseCandidates, inspectorCandidates, baseCount, inspectorCount } = input;
  if (baseCount !== null && baseCount > baseCandidates.length) throw new DrawRefusal("bases", baseCount, baseCandidates.length);
  const bases = baseCount === null ? [...baseCandidates] : drawFrom(baseCandidates, baseCount, new DrawStream(seed, "bases"));
  const inspectors: DrawResult["inspectors"] = [];
  if (inspectorCount > 0) {
    for (const base of bases) {
      const eligible = eligibleInspectors(base, inspectorCandidates);
      if (inspectorCount > eligible.length) throw new DrawRefusal("inspectors", inspectorCount, eligible.length, base.id);
      for (const i of drawFrom(eligible, inspectorCount, new DrawStream(seed, `inspectors:${base.id}`))) inspectors.push({ baseId: base.id, inspectorId: i.id });
    }
  }
  return { baseIds: bases.map((b) => b.id), inspectors };
}

/** Candidates in the order the draw works on: by id, compared as code units (the same on every database). */
export function byId<T extends { id: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
