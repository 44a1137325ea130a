// Files uploaded one by one (POST /files, raw body) into a list a form holds: PDF, PNG/JPEG images and
// Office documents of at most 20 MB, checked here for a quick answer; the server checks the bytes again.
// The type is sent from the extension, as browsers name Office files unevenly.
import { useRef, useState } from "react";
import { App } from "antd";
import { useTranslation } from "react-i18next";
import { fileApi } from "../api/endpoints";
import type { UploadedFile } from "../api/types";
import { useShowError } from "./useShowError";

export const DOCUMENT_TYPES: Readonly<Record<string, string>> = {
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};
const MAX_BYTES = 20 * 1024 * 1024;
const extensionOf = (name: string) => name.split(".").pop()?.toLowerCase() ?? "";

interface Options<T> {
  value: T[];
  onChange?(next: T[]): void;
  max: number;
  /** extension → MIME type sent */
  types?: Readonly<Record<string, string>>;
  /** i18n keys of what is said: badType and tooLarge take {{name}}, tooMany {{max}}, uploaded and duplicate {{name}} */
  texts: { badType: string; tooLarge: string; tooMany: string; uploaded: string; duplicate?: string };
  toItem(saved: UploadedFile): T;
}

export function useFileUploads<T extends { fileId: string }>({ value, onChange, max, types = DOCUMENT_TYPES, texts, toItem }: Options<T>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [uploading, setUploading] = useState(0);
  // Several files may finish at once: each appends to the latest list, not to the one it started with.
  const latest = useRef(value);
  latest.current = value;
  const change = (next: T[]) => {
    latest.current = next;
    onChange?.(next);
  };

  /** For antd Upload's beforeUpload: false refuses the file with a message. */
  const accept = (file: File): boolean => {
    const refusal = !types[extensionOf(file.name)]
      ? t(texts.badType, { name: file.name })
      : file.size > MAX_BYTES
        ? t(texts.tooLarge, { name: file.name })
        : latest.current.length + uploading >= max
          ? t(texts.tooMany, { max })
          : null;
    if (refusal) void message.error(refusal);
    return !refusal;
  };

  const upload = async (file: File) => {
    setUploading((n) => n + 1);
    try {
      const saved = await fileApi.upload(file, types[extensionOf(file.name)]);
      if (latest.current.some((f) => f.fileId === saved.fileId)) {
        if (texts.duplicate) return void message.info(t(texts.duplicate, { name: saved.name }));
      } else {
        change([...latest.current, toItem(saved)]);
      }
      void message.success(t(texts.uploaded, { name: saved.name }));
    } catch (err) {
      showError(err);
    } finally {
      setUploading((n) => n - 1);
    }
  };

  const acceptAttribute = Object.keys(types)
    .map((x) => `.${x}`)
    .join(",");

  return { uploading: uploading > 0, accept, upload, change, latest, acceptAttribute };
}
