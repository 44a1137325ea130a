// i18next set-up: zh-CN first, en-US second; the choice persists in localStorage and is sent to the
// server as Accept-Language so its error messages come back in the same language. Only Chinese travels
// with the first page; the English texts are their own chunk, fetched when English is chosen (issue 13
// item 6: every page's JavaScript counts).
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import type { Lang } from "../../shared/errors.js";
import zhCN from "./zh-CN.json";

type Tree = { [key: string]: string | Tree };
/** Areas keep their texts in their own files (i18n/<domain>/<area>.<lang>.json), merged into the main tree. */
const chineseAreas = import.meta.glob<Tree>("./*/*.zh-CN.json", { eager: true, import: "default" });
const englishAreas = import.meta.glob<Tree>("./*/*.en-US.json", { import: "default" });
function merge(into: Tree, from: Tree): Tree {
  for (const [k, v] of Object.entries(from)) {
    const cur = into[k];
    into[k] = typeof v === "object" && typeof cur === "object" ? merge({ ...cur }, v) : v;
  }
  return into;
}
function withAreas(main: Tree, areas: Tree[]): Tree {
  let out = { ...main };
  for (const tree of areas) out = merge(out, tree);
  return out;
}
const inFileOrder = <T>(files: Record<string, T>): T[] => Object.keys(files).sort().map((f) => files[f]);

export const LANGS: readonly Lang[] = ["zh-CN", "en-US"];
const STORAGE_KEY = "cebase.lang";

function storedLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === "en-US" ? "en-US" : "zh-CN";
  } catch {
    return "zh-CN";
  }
}

void i18n.use(initReactI18next).init({
  resources: { "zh-CN": { translation: withAreas(zhCN, inFileOrder(chineseAreas)) } },
  lng: "zh-CN",
  fallbackLng: "zh-CN",
  supportedLngs: [...LANGS],
  interpolation: { escapeValue: false },
  initAsync: false,
});

/** The English texts, fetched once. */
async function loadEnglish(): Promise<void> {
  if (i18n.hasResourceBundle("en-US", "translation")) return;
  const [main, areas] = await Promise.all([import("./en-US.json").then((m) => m.default as Tree), Promise.all(inFileOrder(englishAreas).map((load) => load()))]);
  i18n.addResourceBundle("en-US", "translation", withAreas(main, areas), true, true);
}

/** Resolves once the stored language's texts are in: the app renders after it, in the right language at once. */
export const i18nReady: Promise<void> = (async () => {
  if (storedLang() === "en-US") {
    await loadEnglish().catch(() => undefined);
    if (i18n.hasResourceBundle("en-US", "translation")) await i18n.changeLanguage("en-US");
  }
  document.documentElement.lang = i18n.language;
})();

export function currentLang(): Lang {
  return i18n.language === "en-US" ? "en-US" : "zh-CN";
}

export async function changeLanguage(lang: Lang): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  if (lang === "en-US") await loadEnglish();
  document.documentElement.lang = lang;
  await i18n.changeLanguage(lang);
}

export default i18n;
