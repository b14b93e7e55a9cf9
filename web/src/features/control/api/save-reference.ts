import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

import { type Reference, REFERENCES_KEY } from "./list-references";

export type ReferenceCreate = Schemas["ReferenceCreate"];

/** `POST /v1/references`: the asset saved as a sketch, structure or style reference. */
export function saveReference(body: ReferenceCreate): Promise<Reference> {
  return unwrap(api.POST("/v1/references", { body }));
}

export function useSaveReference() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: saveReference,
    onSuccess: () => client.invalidateQueries({ queryKey: REFERENCES_KEY }),
  });
}
