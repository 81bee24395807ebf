import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";

export type FileVisibility = "public" | "participants";

export interface FileUpload {
  file: File;
  title: string;
  visibility: FileVisibility;
}

export async function uploadTrainingFile(trainingId: number, upload: FileUpload) {
  return unwrap(
    await api.POST("/api/v1/admin/trainings/{id}/files", {
      params: { path: { id: trainingId } },
      body: { file: "", title: upload.title, visibility: upload.visibility },
      // FormData: the browser sets the multipart boundary itself.
      bodySerializer: () => {
        const data = new FormData();
        data.set("file", upload.file);
        if (upload.title.trim()) data.set("title", upload.title.trim());
        data.set("visibility", upload.visibility);
        return data;
      },
    }),
  );
}

export async function deleteTrainingFile(trainingId: number, fileId: number) {
  const result = await api.DELETE("/api/v1/admin/trainings/{id}/files/{file_id}", {
    params: { path: { id: trainingId, file_id: fileId } },
  });
  if (!result.response.ok) unwrap(result);
}

/** 関連ファイルを追加する / 削除する. */
export function useTrainingFiles(trainingId: number) {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ["admin", "trainings"] });
  const upload = useMutation({ mutationFn: (u: FileUpload) => uploadTrainingFile(trainingId, u), onSuccess: refresh });
  const remove = useMutation({ mutationFn: (fileId: number) => deleteTrainingFile(trainingId, fileId), onSuccess: refresh });
  return { upload, remove };
}
