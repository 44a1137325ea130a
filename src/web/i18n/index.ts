// i18next set-up: zh-CN first, en-US second; the choice persists in localStorage and is sent to the
// server as Accept-Language so its error messages come back in the same language.
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import type { Lang } from "../../shared/errors.js";
import zhCN from "./zh-CN.json";
import enUS from "./en-US.json";

type Tree = { [key: string]: string | Tree };
/** Areas keep their texts in their own files (i18n/<domain>/<area>.<lang>.json), merged into the main tree. */
const areaFiles = import.meta.glob<Tree>("./*/*.json", { eager: true, import: "default" });
function merge(into: Tree, from: Tree): Tree {
  for (const [k, v] of Object.entries(from)) {
    const cur = into[k];
    into[k] = typeof v === "object" && typeof cur === "object" ? merge({ ...cur }, v) : v;
  }
  return into;
}
function withAreas(main: Tree, lang: string): Tree {
  let out = { ...main };
  for (const [file, tree] of Object.entries(areaFiles)) if (file.endsWith(`.${lang}.json`)) out = merge(out, tree);
  return out;
}

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
  resources: { "zh-CN": { translation: withAreas(zhCN, "zh-CN") }, "en-US": { translation: withAreas(enUS, "en-US") } },
  lng: storedLang(),
  fallbackLng: "zh-CN",
  supportedLngs: [...LANGS],
  interpolation: { escapeValue: false },
  initAsync: false,
});
document.documentElement.lang = i18n.language;

export function currentLang(): Lang {
  return i18n.language === "en-US" ? "en-US" : "zh-CN";
}

export async function changeLanguage(lang: Lang): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = lang;
  await i18n.changeLanguage(lang);
}

export default i18n;
