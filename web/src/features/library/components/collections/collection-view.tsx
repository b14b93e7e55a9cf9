import { Button, Center, Group, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useNavigate } from "react-router";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import type { Asset } from "@/lib/api/upload-file";

import { useAddToCollection } from "../../api/add-to-collection";
import { useDeleteCollection } from "../../api/delete-collection";
import { useDownloadCollectionArchive } from "../../api/download-collection-archive";
import { type Collection } from "../../api/list-collections";
import { useCollection } from "../../api/get-collection";
import { useCollectionAssets } from "../../api/list-collection-assets";
import { useRemoveFromCollection } from "../../api/remove-from-collection";
import { useUpdateCollection } from "../../api/update-collection";
import { AssetGrid } from "../asset-grid";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { SharePanel } from "../share-panel";
import { CollectionForm } from "./collection-form";

function Header({ collection }: { collection: Collection }) {
  const [editing, setEditing] = useState(false);
  const update = useUpdateCollection();
  const remove = useDeleteCollection();
  const archive = useDownloadCollectionArchive();
  const navigate = useNavigate();
  if (editing) {
    return (
      <Paper withBorder p="sm">
        <CollectionForm
          initial={{ name: collection.name, description: collection.description ?? "" }}
          submitLabel="Save"
          pending={update.isPending}
          onCancel={() => {
            setEditing(false);
          }}
          onSubmit={(fields) => {
            update.mutate(
              { collectionId: collection.id, edit: { name: fields.name, description: fields.description || null } },
              {
                onSuccess: () => {
                  setEditing(false);
                },
              },
            );
          }}
        />
        <ApiErrorAlert error={update.error} title="The collection could not be saved" />
      </Paper>
    );
  }
  return (
    <Stack gap="xs">
      <div>
        <Title order={2} size="h3" data-testid="collection-name">
          {collection.name}
        </Title>
        {collection.description && <Text>{collection.description}</Text>}
        <Text size="sm" c="dimmed">
          {collection.asset_count} asset{collection.asset_count === 1 ? "" : "s"} ·{" "}
          {collection.credits.toLocaleString()} credits
        </Text>
      </div>
      <Group gap="xs" wrap="wrap">
        <Button
          size="xs"
          variant="default"
          onClick={() => {
            setEditing(true);
          }}
        >
          Rename
        </Button>
        <Button
          size="xs"
          variant="default"
          loading={archive.isPending}
          disabled={collection.asset_count === 0}
          onClick={() => {
            archive.mutate(collection.id);
          }}
        >
          Download zip
        </Button>
        <ConfirmButton
          action="Delete collection"
          title={`Delete ${collection.name}?`}
          loading={remove.isPending}
          onConfirm={() => {
            remove.mutate(collection.id, { onSuccess: () => void navigate("/library/collections") });
          }}
        >
          The collection goes; its assets stay in the library.
        </ConfirmButton>
      </Group>
      <ApiErrorAlert error={remove.error ?? archive.error} title="That did not work" />
    </Stack>
  );
}

interface ItemActionsProps {
  collection: Collection;
  asset: Asset;
  index: number;
  items: Asset[];
}

/** Move an asset earlier or later in the collection, make it the cover, or take it out. */
function ItemActions({ collection, asset, index, items }: ItemActionsProps) {
  const move = useAddToCollection();
  const remove = useRemoveFromCollection();
  const cover = useUpdateCollection();
  const busy = move.isPending || remove.isPending || cover.isPending;
  const earlier = items[index - 1];
  // moving later puts it before the one after next; from the last but one, at the end
  const afterNext = items[index + 2];
  const canLater = index < items.length - 1 && (afterNext !== undefined || items.length >= collection.asset_count);
  const moveBefore = (before: string | null) => {
    move.mutate({ collectionId: collection.id, assetIds: [asset.id], before });
  };
  return (
    <>
      <Text size="xs" c="dimmed" w="100%" data-testid="collection-position">
        #{index + 1}
      </Text>
      <Button
        size="compact-xs"
        variant="default"
        disabled={!earlier || busy}
        onClick={() => {
          moveBefore(earlier?.id ?? null);
        }}
        aria-label={`Move ${asset.id} earlier`}
      >
        ↑ Earlier
      </Button>
      <Button
        size="compact-xs"
        variant="default"
        disabled={!canLater || busy}
        onClick={() => {
          moveBefore(afterNext?.id ?? null);
        }}
        aria-label={`Move ${asset.id} later`}
      >
        ↓ Later
      </Button>
      <Button
        size="compact-xs"
        variant="subtle"
        disabled={busy || collection.cover_asset_id === asset.id}
        onClick={() => {
          cover.mutate({ collectionId: collection.id, edit: { cover_asset_id: asset.id } });
        }}
        aria-label={`Make ${asset.id} the cover`}
      >
        Cover
      </Button>
      <Button
        size="compact-xs"
        variant="subtle"
        color="red"
        disabled={busy}
        onClick={() => {
          remove.mutate({ collectionId: collection.id, assetId: asset.id });
        }}
        aria-label={`Remove ${asset.id} from the collection`}
      >
        Remove
      </Button>
    </>
  );
}

interface CollectionViewProps {
  collectionId: string;
  onOpen: (assetId: string) => void;
}

/** One collection: its assets in its order (move them, drag them, take them out), share it. */
export function CollectionView({ collectionId, onOpen }: CollectionViewProps) {
  const collection = useCollection(collectionId);
  const assets = useCollectionAssets(collectionId);
  const move = useAddToCollection();
  if (collection.isPending) {
    return (
      <Center h={200}>
        <Loader role="status" aria-label="loading the collection" />
      </Center>
    );
  }
  if (collection.isError) return <ApiErrorAlert error={collection.error} title="The collection could not be opened" />;
  const found = collection.data;
  return (
    <Stack gap="md" data-testid="collection-view" data-collection-id={found.id}>
      <Header collection={found} />
      <Text size="sm" c="dimmed">
        In this order on share links and in the zip: move assets with their buttons, or drag one onto another to put it
        before that one.
      </Text>
      <ApiErrorAlert error={move.error} title="The asset could not be moved" />
      <AssetGrid
        results={assets}
        onOpen={onOpen}
        empty="Nothing in it yet: pick assets in the library and add them."
        label={`Assets of ${found.name}`}
        actions={(asset, index, items) => <ItemActions collection={found} asset={asset} index={index} items={items} />}
        onDropBefore={(dragged, before) => {
          move.mutate({ collectionId: found.id, assetIds: [dragged], before });
        }}
      />
      <Paper withBorder p="sm">
        <SharePanel target={{ collection_id: found.id }} />
      </Paper>
    </Stack>
  );
}
