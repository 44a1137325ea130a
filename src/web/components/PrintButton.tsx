// 打印: prints the page as it stands; the print stylesheet (index.html) leaves out the menu, the header
// and anything marked `no-print` (the page's buttons).
import { Button } from "antd";
import { PrinterOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";

export function PrintButton() {
  const { t } = useTranslation();
  return (
    <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
      {t("common.print")}
    </Button>
  );
}
