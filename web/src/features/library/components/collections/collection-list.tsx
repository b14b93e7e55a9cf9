import { Anchor, Card, Center, Loader, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { AssetImage } from "@/components/ui/asset-image";
import { formatTime } from "@/lib/format";

import { useCreateCollection } from "../../api/create-collection";
import { type Collection, useCollections } from "../../api/list-collections";
import { CollectionForm } from "./collection-form";

function CollectionCard({ collection }: { collection: Collection }) {
  const to = `/library/collections/${encodeURIComponent(collection.id)}`;
  return (
    <Card withBorder padding={0} data-testid="collection-card" data-collection-id={collection.id} role="listitem">
      {collection.cover_asset_id ? (
        <AssetImage assetId={collection.cover_asset_id} alt={`Cover of ${collection.name}`} height={140} fit="cover" />
      ) : (
        <Center h={140} bg="gray.1">
          <Text size="sm" c="dimmed">
            Empty
          </Text>
        </Center>
      )}
      <Stack gap={2} p="xs">
        <Anchor component={Link} to={to} fw={600} truncate>
          {collection.name}
        </Anchor>
        <Text size="xs" c="dimmed">
          {collection.asset_count} asset{collection.asset_count === 1 ? "" : "s"} ·{" "}
          {collection.credits.toLocaleString()} credits
        </Text>
        <Text size="xs" c="dimmed">
          Made {formatTime(collection.created_at)}
        </Text>
      </Stack>
    </Card>
  );
}

/** Every collection (projects, campaigns) with its cover and count, and making a new one. */
export function CollectionList() {
  const collections = useCollections();
  const create = useCreateCollection();
  const [formKey, setFormKey] = useState(0);
  return (
    <Stack gap="md">
      <Paper withBorder p="sm" component="section" aria-labelledby="new-collection-title">
        <Title order={2} size="h5" id="new-collection-title" mb="xs">
          New collection
        </Title>
        <CollectionForm
          key={formKey}
          submitLabel="Create collection"
          pending={create.isPending}
          onSubmit={(fields) => {
            create.mutate(
              { name: fields.name, description: fields.description || null },
              {
                onSuccess: () => {
                  setFormKey((key) => key + 1);
                },
              },
            );
          }}
        />
        <ApiErrorAlert error={create.error} title="The collection could not be made" />
      </Paper>
      {collections.isPending && <Loader role="status" aria-label="loading collections" />}
      <ApiErrorAlert error={collections.error} title="The collections could not be listed" />
      {collections.data?.length === 0 && (
        <Text c="dimmed">
          No collections yet: make one above, or pick assets in the library and add them to a new one.
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 5 }} spacing="sm" role="list" aria-label="Collections">
        {(collections.data ?? []).map((collection) => (
          <CollectionCard key={collection.id} collection={collection} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
