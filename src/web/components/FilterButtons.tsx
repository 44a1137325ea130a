// The 查询 / 重置 pair at the end of every list page's filter form.
import { Button, Space } from "antd";
import { useTranslation } from "react-i18next";

export function FilterButtons({ onReset }: { onReset: () => void }) {
  const { t } = useTranslation();
  return (
    <Space>
      <Button type="primary" htmlType="submit">
        {t("common.search")}
      </Button>
      <Button onClick={onReset}>{t("common.reset")}</Button>
    </Space>
  );
}
