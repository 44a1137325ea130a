// The answer of a public verification page (a certificate's or an hours statement's QR code leads
// there; no sign-in): in large type whether the document is genuine (green) or not (red), its facts
// below, and a link to verify another; an unknown number says so above the verification forms.
import { useEffect, useState, type ReactNode } from "react";
import { Link } from "react-router-dom";
import { Card, Descriptions, Result, Skeleton, type DescriptionsProps } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { useShowError } from "../../components/useShowError";
import { VerifyForms } from "./VerifyForms";

export interface Verdict {
  status: "success" | "warning" | "error";
  title: ReactNode;
  subTitle: ReactNode;
}

interface Props<T> {
  /** the number on the document (certificate serial, statement code) */
  code: string;
  /** asks the server; 404 or 400 means no such document. A stable function (an endpoint of api/endpoints.ts). */
  load(code: string): Promise<T>;
  notFoundTitle: string;
  notFoundHint: string;
  verdict(v: T): Verdict;
  items(v: T): DescriptionsProps["items"];
}

export function VerifyResult<T>({ code, load, notFoundTitle, notFoundHint, verdict, items }: Props<T>) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [v, setV] = useState<T | null>(null);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    let live = true;
    setV(null);
    setMissing(false);
    load(code)
      .then((r) => live && setV(r))
      .catch((err: unknown) => {
        if (!live) return;
        if (err instanceof ApiError && (err.status === 404 || err.status === 400)) setMissing(true);
        else showError(err);
      });
    return () => {
      live = false;
    };
  }, [code, load, showError]);

  if (missing) {
    return (
      <>
        <Card style={{ marginBottom: 16 }}>
          <Result
            status="error"
            title={<h1 data-testid="verify-result" style={{ fontSize: 26, margin: 0 }}>{notFoundTitle}</h1>}
            subTitle={notFoundHint}
          />
        </Card>
        <VerifyForms />
      </>
    );
  }
  if (!v) return <Skeleton active />;
  const r = verdict(v);
  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <div role="status">
          <Result
            status={r.status}
            style={{ paddingBottom: 16 }}
            title={<h1 data-testid="verify-result" style={{ fontSize: 28, margin: 0 }}>{r.title}</h1>}
            subTitle={<span style={{ fontSize: 16, color: "rgba(0, 0, 0, 0.75)" }}>{r.subTitle}</span>}
          />
        </div>
        <Descriptions bordered column={{ xs: 1, md: 2 }} items={items(v)} />
      </Card>
      <Link to="/public/verify">{t("verify.another")}</Link>
    </>
  );
}
