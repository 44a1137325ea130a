// Providers of the whole app: antd locale and theme follow the UI language; the router holds the rest.
import { App as AntApp, ConfigProvider, type ThemeConfig } from "antd";
import zhCN from "antd/locale/zh_CN";
import enUS from "antd/locale/en_US";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { RouterProvider } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { router } from "./routes";

// Buttons keep their exact labels (登录, not 登 录), as tests and screen readers expect them.
// Darker primary, error and secondary-text colours than antd's defaults, for WCAG AA contrast (4.5:1).
const THEME: ThemeConfig = {
  token: {
    colorPrimary: "#0958d9",
    colorLink: "#0958d9",
    colorInfo: "#0958d9",
    colorError: "#cf1322",
    colorTextDescription: "rgba(0, 0, 0, 0.65)",
    colorTextTertiary: "rgba(0, 0, 0, 0.6)",
  },
};

export function App() {
  const { i18n } = useTranslation();
  const isEnglish = i18n.language === "en-US";
  dayjs.locale(isEnglish ? "en" : "zh-cn");
  return (
    <ConfigProvider locale={isEnglish ? enUS : zhCN} theme={THEME} button={{ autoInsertSpace: false }}>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}
