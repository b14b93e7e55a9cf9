import { Button, Group, Text } from "@mantine/core";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";

import { useCancelBatch } from "../api/cancel-batch";
import { useDownloadBatchArchive } from "../api/download-batch-archive";
import { useRetryFailed } from "../api/retry-failed";
import type { Batch } from "../api/submit-batch";

/** Cancel what has not started, retry what failed, download what is made. */
export function BatchActions({ batch }: { batch: Batch }) {
  const cancel = useCancelBatch();
  const retry = useRetryFailed();
  const archive = useDownloadBatchArchive();
  const running = batch.status === "running";
  const cancellable = running || batch.status === "scheduled";
  const retriable = batch.counts.failed + batch.counts.rejected;
  return (
    <>
      <Group gap="sm" wrap="wrap">
        <Button
          variant="light"
          color="red"
          disabled={!cancellable}
          loading={cancel.isPending}
          onClick={() => {
            cancel.mutate(batch.id);
          }}
        >
          Cancel jobs not started
        </Button>
        <Button
          variant="light"
          disabled={retriable === 0}
          loading={retry.isPending}
          onClick={() => {
            retry.mutate(batch.id);
          }}
        >
          {retriable > 0 ? `Retry ${retriable} failed` : "Retry failed"}
        </Button>
        <Button
          loading={archive.isPending}
          onClick={() => {
            archive.mutate(batch.id);
          }}
        >
          {running ? "Download what is done (zip)" : "Download the archive (zip)"}
        </Button>
      </Group>
      {cancel.data && (
        <Text size="sm" role="status">
          Cancelling {cancel.data.cancelling} jobs that had not started; their credits are given back.
        </Text>
      )}
      {retry.data && (
        <Text size="sm" role="status">
          Submitted {retry.data.retried} jobs again.
        </Text>
      )}
      <ApiErrorAlert error={cancel.error ?? retry.error ?? archive.error} />
    </>
  );
}
