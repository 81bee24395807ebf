import type { PublicFile } from "@/lib/api/types";
import { formatBytes } from "@/lib/format/yen";

/** 関連ファイル: public files of a training, each a download link. */
export function FileList({ files }: { files: PublicFile[] }) {
  return (
    <section className="section" aria-labelledby="files-heading">
      <h2 id="files-heading">関連ファイル</h2>
      {files.length === 0 ? (
        <p>関連ファイルはありません。</p>
      ) : (
        <>
          <p className="caution">※必ずご確認ください。</p>
          <ul className="file-list">
            {files.map((file) => (
              <li key={file.id}>
                <a href={file.url} download={file.filename}>
                  {file.title}
                </a>
                <span className="file-meta">
                  （{file.filename}・{formatBytes(file.size_bytes)}）
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
