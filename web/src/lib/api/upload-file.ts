import { useMutation } from "@tanstack/react-query";

import { authorizedFetch, idempotencyKey, type Schemas } from "../api-client";

export type Asset = Schemas["AssetPublic"];

/** `POST /v1/uploads` (multipart): an image, mask, audio file or campaign becomes an asset. */
export async function uploadFile(file: Blob, filename: string): Promise<Asset> {
  const form = new FormData();
  form.append("file", file, filename);
  const response = await authorizedFetch("/v1/uploads", {
    method: "POST",
    body: form,
    headers: { "Idempotency-Key": idempotencyKey() },
  });
  return (await response.json()) as Asset;
}

export function useUploadFile() {
  return useMutation({
    mutationFn: ({ file, filename }: { file: Blob; filename: string }) => uploadFile(file, filename),
  });
}
