import { FileLinks } from "@/components/training/file-links";
import type { MyPageFile } from "@/lib/api/types";
import { formatBytes } from "@/lib/format/yen";
import { sortMaterials } from "../materials";
import "./my-page.css";

/** 資料ダウンロード: 研修資料 / Zoom操作方法 / システム操作方法 and any other file. */
export function Materials({ files }: { files: MyPageFile[] }) {
  const { buttons, others } = sortMaterials(files);
  return (
    <section className="section" aria-labelledby="materials-heading">
      <h2 id="materials-heading">資料ダウンロードはこちらから</h2>
      {files.length === 0 ? (
        <p>資料はまだありません。掲載されると、ここからダウンロードできます。</p>
      ) : (
        <>
          {buttons.length > 0 && (
            <ul className="material-buttons">
              {buttons.map(({ kind, file }) => (
                <li key={file.id}>
                  <a className="button button-secondary" href={file.url} download={file.filename}>
                    {kind}
                    <span className="file-meta">（{formatBytes(file.size_bytes)}）</span>
                  </a>
                </li>
              ))}
            </ul>
          )}
          {others.length > 0 && <FileLinks files={others} />}
          <p className="note">研修資料は各自で印刷してください（WEB研修、集合形式のいずれも同様）。</p>
        </>
      )}
    </section>
  );
}
