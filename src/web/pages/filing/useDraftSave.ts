// What both filing editors (annual plan, training project) do to save a draft: validate the form, send
// it (create or update), keep the server's answer, and show a refusal without clearing what was typed.
// 保存草稿 of a new record moves to its edit address so a reload finds it again.
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { App } from "antd";
import { useTranslation } from "react-i18next";
import { useUnsavedGuard } from "../applications/useUnsavedGuard";
import { refusalOf, type Refusal } from "../../components/refusals";

interface Options<V extends { id: string }> {
  initial: V | null;
  /** Whether the form starts with something unsaved (a new plan prefilled by the platform). */
  dirtyAtStart?: boolean;
  validate(): Promise<unknown>;
  /** Sends the form's values: creates when `view` is null, else updates it. */
  persist(view: V | null): Promise<V>;
  editPath(id: string): string;
}

export function useDraftSave<V extends { id: string }>({ initial, dirtyAtStart = false, validate, persist, editPath }: Options<V>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [view, setView] = useState<V | null>(initial);
  const [dirty, setDirty] = useState(dirtyAtStart);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const { allowLeave } = useUnsavedGuard(dirty);

  const save = async (): Promise<V | null> => {
    try {
      await validate();
    } catch {
      void message.error(t("filing.fixErrors"));
      return null;
    }
    setSaving(true);
    setRefusal(null);
    try {
      const saved = await persist(view);
      setView(saved);
      setDirty(false);
      return saved;
    } catch (err) {
      setRefusal(refusalOf(t, err));
      return null;
    } finally {
      setSaving(false);
    }
  };

  const saveDraft = async () => {
    const saved = await save();
    if (!saved) return;
    void message.success(t("filing.draftSaved"));
    if (!initial) {
      allowLeave();
      navigate(editPath(saved.id), { replace: true });
    }
  };

  /** The saved record, saving first when the form holds changes (before a step or an import). */
  const ensureSaved = async () => (dirty || !view ? save() : view);

  return { view, setView, dirty, setDirty, saving, refusal, setRefusal, allowLeave, save, saveDraft, ensureSaved };
}
