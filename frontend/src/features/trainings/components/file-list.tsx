import { FileLinks } from "@/components/training/file-links";
import type { PublicFile } from "@/lib/api/types";

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
          <FileLinks files={files} />
        </>
      )}
    </section>
  );
}
