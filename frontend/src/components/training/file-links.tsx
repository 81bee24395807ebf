import type { PublicFile } from "@/lib/api/types";
import { formatBytes } from "@/lib/format/yen";

/** Download links with name and size, shared by the detail page and My Page. */
export function FileLinks({ files }: { files: Pick<PublicFile, "id" | "url" | "filename" | "title" | "size_bytes">[] }) {
  return (
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
  );
}
