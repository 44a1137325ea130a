// issue 11 item 6: an ID number is shown masked on every page; on a person's own record the bureau may
// ask for it whole (查看完整身份证号), each time confirmed and audited by the server
// (professional.idNumberRevealed). The whole number lives only in this component's state.
import { useState } from "react";
import { Button, Popconfirm, Space } from "antd";
import { useTranslation } from "react-i18next";
import { professionalLookupApi } from "../../api/endpoints";
import { useShowError } from "../../components/useShowError";

export function IdNumberReveal({ professionalId, masked, canReveal }: { professionalId: string; masked: string; canReveal: boolean }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [whole, setWhole] = useState<string | null>(null);
  const reveal = async () => {
    try {
      setWhole((await professionalLookupApi.revealIdNumber(professionalId)).idNumber);
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Space size={4} wrap>
      <span style={{ fontFamily: "monospace" }} data-testid="id-number">
        {whole ?? masked}
      </span>
      {canReveal &&
        (whole ? (
          <Button type="link" size="small" onClick={() => setWhole(null)}>
            {t("people.revealHide")}
          </Button>
        ) : (
          <Popconfirm title={t("people.revealConfirm")} okText={t("common.confirm")} cancelText={t("common.cancel")} onConfirm={() => void reveal()}>
            <Button type="link" size="small">
              {t("people.reveal")}
            </Button>
          </Popconfirm>
        ))}
    </Space>
  );
}
