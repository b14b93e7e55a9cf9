import { useMutation } from "@tanstack/react-query";

import { api, idempotencyKey, unwrap, type Schemas } from "../api-client";

export type JobCreate = Schemas["JobCreate"];
export type Job = Schemas["JobPublic"];

/** `POST /v1/jobs`, with a fresh Idempotency-Key per submission. */
export function createJob(body: JobCreate): Promise<Job> {
  return unwrap(
    api.POST("/v1/jobs", { body, params: { header: { "idempotency-key": idempotencyKey() } } }),
  );
}

export function useCreateJob() {
  return useMutation({ mutationFn: createJob });
}
