import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { errorMessage } from "@/lib/api/problem";
import type { AdminTraining } from "@/lib/api/types";
import { useTrainingFiles, type FileVisibility } from "../api/training-files";

const VISIBILITY_LABELS: Record<FileVisibility, string> = {
  public: "公開（研修の詳細ページ）",
  participants: "参加者のみ（マイページ）",
};

type StaffFile = AdminTraining["files"][number];

/** 関連ファイル: upload with its visibility, and removal after a confirmation. */
export function TrainingFiles({ training, canEdit }: { training: AdminTraining; canEdit: boolean }) {
  const { upload, remove } = useTrainingFiles(training.id);
  const [title, setTitle] = useState("");
  const [visibility, setVisibility] = useState<FileVisibility>("public");
  const [file, setFile] = useState<File | null>(null);
  const [removing, setRemoving] = useState<StaffFile | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  return (
    <section className="office-section" aria-labelledby="files-title">
      <h2 id="files-title">関連ファイル</h2>
      {notice && <Alert tone="success">{notice}</Alert>}
      {training.files.length === 0 ? (
        <p className="empty">関連ファイルはまだありません。</p>
      ) : (
        <ul className="file-list">
          {training.files.map((f) => (
            <li key={f.id}>
              <span>
                <a href={f.url}>{f.title}</a>
                <span className="cell-note">{VISIBILITY_LABELS[f.visibility]}</span>
              </span>
              {canEdit && (
                <button
                  type="button"
                  className="button button-small button-danger-outline"
                  onClick={() => setRemoving(f)}
                >
                  削除<span className="visually-hidden">（{f.title}）</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form
          className="card"
          onSubmit={(e) => {
            e.preventDefault();
            if (!file) return;
            upload.mutate(
              { file, title, visibility },
              {
                onSuccess: (added) => {
                  setNotice(`「${added.title}」を追加しました。`);
                  setTitle("");
                  setFile(null);
                  if (input.current) input.current.value = "";
                },
              },
            );
          }}
        >
          <h3>ファイルを追加</h3>
          {upload.isError && <Alert>{errorMessage(upload.error)}</Alert>}
          <Field id="file-input" label="ファイル" required hint="PDF・画像（PNG・JPEG）・Word・Excel・PowerPoint、10MBまで">
            {(c) => <input {...c} ref={input} type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
          </Field>
          <Field id="file-title" label="表示名" hint="空欄のときはファイル名（例：研修資料、Zoom操作方法）">
            {(c) => <input {...c} type="text" value={title} onChange={(e) => setTitle(e.target.value)} />}
          </Field>
          <fieldset className="field">
            <legend className="field-label">公開範囲</legend>
            <div className="radio-row">
              {(Object.keys(VISIBILITY_LABELS) as FileVisibility[]).map((v) => (
                <label key={v} className="radio radio-boxed">
                  <input type="radio" name="visibility" value={v} checked={visibility === v} onChange={() => setVisibility(v)} />
                  <span>{VISIBILITY_LABELS[v]}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="actions">
            <button className="button button-primary" type="submit" disabled={!file || upload.isPending}>
              {upload.isPending ? "アップロード中…" : "アップロード"}
            </button>
          </div>
        </form>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={`「${removing?.title ?? ""}」を削除しますか？`}
        confirmLabel="削除する"
        danger
        busy={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : undefined}
        onCancel={() => {
          setRemoving(null);
          remove.reset();
        }}
        onConfirm={() =>
          removing &&
          remove.mutate(removing.id, {
            onSuccess: () => {
              setNotice(`「${removing.title}」を削除しました。`);
              setRemoving(null);
            },
          })
        }
      >
        <p>
          {removing?.visibility === "public"
            ? "研修の詳細ページから消え、誰もダウンロードできなくなります。"
            : "参加者のマイページから消え、誰もダウンロードできなくなります。"}
        </p>
        <p>削除したファイルは元に戻せません。</p>
      </ConfirmDialog>
    </section>
  );
}
