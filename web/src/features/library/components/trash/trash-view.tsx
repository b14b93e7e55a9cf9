import { Button, Group, Stack, Text } from "@mantine/core";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { formatTime } from "@/lib/format";

import { useEmptyTrash } from "../../api/empty-trash";
import { useTrash } from "../../api/list-trash";
import { useRestoreAsset } from "../../api/restore-asset";
import { AssetGrid } from "../asset-grid";
import { ConfirmButton } from "@/components/ui/confirm-button";

function RestoreButton({ assetId, purgeAt }: { assetId: string; purgeAt: string | null | undefined }) {
  const restore = useRestoreAsset();
  return (
    <>
      {purgeAt && (
        <Text size="xs" c="dimmed" w="100%">
          Gone for good {formatTime(purgeAt)}
        </Text>
      )}
      <Button
        size="compact-xs"
        variant="light"
        loading={restore.isPending}
        onClick={() => {
          restore.mutate(assetId);
        }}
        aria-label={`Restore ${assetId}`}
      >
        Restore
      </Button>
      {restore.error !== null && <ApiErrorAlert error={restore.error} title="Not restored" />}
    </>
  );
}

/** What was deleted: restorable until purged; or emptied now, for good. */
export function TrashView({ onOpen }: { onOpen: (assetId: string) => void }) {
  const trash = useTrash();
  const empty = useEmptyTrash();
  const total = trash.data?.pages[0]?.total ?? 0;
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm">Deleted assets stay here, restorable, for the days set in Settings, then are purged.</Text>
        <ConfirmButton
          action="Empty the trash"
          title="Empty the trash?"
          size="sm"
          disabled={total === 0}
          loading={empty.isPending}
          onConfirm={() => {
            empty.mutate();
          }}
        >
          {total.toLocaleString()} asset{total === 1 ? "" : "s"} and their files will be deleted for good, now. This
          cannot be undone.
        </ConfirmButton>
      </Group>
      {empty.data && (
        <Text size="sm" role="status" c="green.9">
          {empty.data.purged} asset{empty.data.purged === 1 ? "" : "s"} deleted for good.
        </Text>
      )}
      <ApiErrorAlert error={empty.error} title="The trash could not be emptied" />
      <AssetGrid
        results={trash}
        onOpen={onOpen}
        empty="The trash is empty."
        label="Assets in the trash"
        actions={(asset) => <RestoreButton assetId={asset.id} purgeAt={asset.purge_at} />}
      />
    </Stack>
  );
}
