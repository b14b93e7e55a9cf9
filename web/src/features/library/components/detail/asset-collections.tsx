import { Anchor, Button, CloseButton, Group, Paper, Select, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import type { Asset } from "@/lib/api/upload-file";

import { useAddToCollection } from "../../api/add-to-collection";
import { useCollections } from "../../api/list-collections";
import { useRemoveFromCollection } from "../../api/remove-from-collection";

/** The collections the asset is in (each opens, or lets it go), and adding it to another. */
export function AssetCollections({ asset }: { asset: Asset }) {
  const collections = useCollections();
  const add = useAddToCollection();
  const remove = useRemoveFromCollection();
  const [picked, setPicked] = useState<string | null>(null);
  const ids = asset.collection_ids ?? [];
  const names = new Map((collections.data ?? []).map((collection) => [collection.id, collection.name]));
  const others = (collections.data ?? []).filter((collection) => !ids.includes(collection.id));
  return (
    <Stack gap="xs" component="section" aria-labelledby="asset-collections-title">
      <Title order={3} size="h5" id="asset-collections-title">
        Collections
      </Title>
      {ids.length === 0 && (
        <Text size="sm" c="dimmed">
          In no collection yet.
        </Text>
      )}
      <Stack gap={4} role="list" aria-label="In these collections" data-testid="asset-collections">
        {ids.map((id) => (
          <Paper key={id} withBorder px="xs" py={4} role="listitem">
            <Group justify="space-between" wrap="nowrap">
              <Anchor component={Link} to={`/library/collections/${encodeURIComponent(id)}`} size="sm">
                {names.get(id) ?? id}
              </Anchor>
              <CloseButton
                size="sm"
                aria-label={`Remove from ${names.get(id) ?? id}`}
                onClick={() => {
                  remove.mutate({ collectionId: id, assetId: asset.id });
                }}
              />
            </Group>
          </Paper>
        ))}
      </Stack>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <Select
          label="Add to a collection"
          placeholder={others.length ? "Pick one" : "No other collections"}
          data={others.map((collection) => ({ value: collection.id, label: collection.name }))}
          value={picked}
          onChange={setPicked}
          searchable
          style={{ flex: 1 }}
        />
        <Button
          variant="light"
          disabled={picked === null}
          loading={add.isPending}
          onClick={() => {
            if (picked === null) return;
            add.mutate(
              { collectionId: picked, assetIds: [asset.id] },
              {
                onSuccess: () => {
                  setPicked(null);
                },
              },
            );
          }}
        >
          Add
        </Button>
      </Group>
      <ApiErrorAlert error={add.error ?? remove.error} title="The collection could not be changed" />
    </Stack>
  );
}
