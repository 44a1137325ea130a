// Synthetic professionals for the demo: plausible Weihai names, employers and titles, each with a
// checksum-valid (GB 11643) but invented ID number. Deterministic, so every demo database is the same.
import { idNumberCheckChar } from "../../shared/identifiers.js";

export interface DemoPerson {
  name: string;
  idNumber: string;
  employer: string;
  title: string;
  specialty: string;
  phone: string;
  /** which base's courses this person usually takes */
  field: "industry" | "health";
}

/** mulberry32: a small seeded generator. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文";
export const GIVEN = "伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华玉兰萍鹏辉建红云飞晓东海燕雪梅志宏春林婷颖慧琳凯斌俊浩宇欣然佳琪晨阳思远博文嘉怡子涵雨萱";
// 环翠区, 文登区, 荣成市, 乳山市, and two from elsewhere in Shandong (people move).
const REGIONS = ["371002", "371003", "371082", "371083", "370202", "370602"];
const INDUSTRY = {
  employers: ["威高集团有限公司", "山东华信工业科技有限公司", "威海市智能装备研究院", "威海广泰空港设备股份有限公司", "荣成市海洋装备制造有限公司", "文登区机械制造协会", "威海市产品质量检验检测研究院"],
  titles: ["助理工程师", "工程师", "高级工程师", "正高级工程师", "技术员"],
  specialties: ["智能制造", "机电一体化", "机械设计", "电气自动化", "焊接技术"],
};
const HEALTH = {
  employers: ["威海市立医院", "威海市中心医院", "文登整骨医院", "荣成市人民医院", "乳山市人民医院", "环翠区社区卫生服务中心", "威海市疾病预防控制中心"],
  titles: ["医师", "主治医师", "副主任医师", "主管护师", "护师", "主管药师"],
  specialties: ["临床医学", "卫生健康", "护理", "药学", "公共卫生"],
};

export function demoPeople(count: number, seed = 20191218): DemoPerson[] {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[] | string) => (typeof xs === "string" ? ([...xs][Math.floor(rand() * [...xs].length)] as T) : xs[Math.floor(rand() * xs.length)]);
  const out: DemoPerson[] = [];
  const taken = new Set<string>();
  while (out.length < count) {
    const field = rand() < 0.55 ? "industry" : "health";
    const f = field === "industry" ? INDUSTRY : HEALTH;
    const name = pick<string>(SURNAMES) + pick<string>(GIVEN) + (rand() < 0.7 ? pick<string>(GIVEN) : "");
    const year = 1965 + Math.floor(rand() * 34);
    const month = 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * 28);
    const first17 = `${pick(REGIONS)}${year}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}${String(Math.floor(rand() * 1000)).padStart(3, "0")}`;
    const idNumber = first17 + idNumberCheckChar(first17);
    if (taken.has(idNumber)) continue;
    taken.add(idNumber);
    out.push({
      name,
      idNumber,
      employer: pick(f.employers),
      title: pick(f.titles),
      specialty: pick(f.specialties),
      phone: `13${5 + Math.floor(rand() * 5)}${String(Math.floor(rand() * 1e8)).padStart(8, "0")}`,
      field,
    });
  }
  return out;
}
