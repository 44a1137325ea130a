import { Segmented } from "antd";
import { useTranslation } from "react-i18next";
import type { Lang } from "../../shared/errors.js";
import { changeLanguage, currentLang } from "../i18n";

export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <Segmented<Lang>
      size="small"
      aria-label={t("common.language")}
      value={currentLang()}
      onChange={(lang) => void changeLanguage(lang)}
      options={[
        { value: "zh-CN", label: <span lang="zh-CN">中文</span> },
        { value: "en-US", label: <span lang="en">English</span> },
      ]}
    />
  );
}
