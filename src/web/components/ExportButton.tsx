// 导出 Excel: a plain link to the server's .xlsx export with the list's current filters.
import { Button } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";

export function ExportButton({ href }: { href: string }) {
  const { t } = useTranslation();
  return (
    <Button href={href} icon={<DownloadOutlined />} download>
      {t("common.exportExcel")}
    </Button>
  );
}
