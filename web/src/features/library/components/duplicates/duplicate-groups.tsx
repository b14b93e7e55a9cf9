import {
  Button,
  Card,
  Center,
  Group,
  Loader,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from "@mantine/core";
import { useState } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import type { Asset } from "@/lib/api/upload-file";
import { formatBytes, formatTime } from "@/lib/format";

import { useBulkAction } from "../../api/bulk-action";
import { useDuplicates } from "../../api/list-duplicates";
import { assetName } from "../../asset-name";
import { AssetThumbnail } from "../asset-thumbnail";
import { ConfirmButton } from "@/components/ui/confirm-button";

interface GroupProps {
  items: Asset[];
  index: number;
  onOpen: (assetId: string) => void;
}

/** Near-identical images: keep one (the oldest, unless another is picked), trash the others. */
function DuplicateGroup({ items, index, onOpen }: GroupProps) {
  const [keep, setKeep] = useState(items[0]?.id ?? "");
  const trash = useBulkAction();
  const extra = items.filter((item) => item.id !== keep).map((item) => item.id);
  return (
    <Paper
      withBorder
      p="sm"
      component="section"
      aria-label={`Duplicate group ${index + 1}`}
      data-testid="duplicate-group"
    >
      <Stack gap="xs">
        <Radio.Group
          value={keep}
          onChange={setKeep}
          label={`Group ${index + 1}: ${items.length} copies. Which one to keep?`}
        >
          <SimpleGrid cols={{ base: 2, sm: 4, lg: 6 }} spacing="xs" mt="xs">
            {items.map((item) => (
              <Card key={item.id} withBorder padding={4} data-asset-id={item.id} data-testid="duplicate">
                <UnstyledButton
                  onClick={() => {
                    onOpen(item.id);
                  }}
                  aria-label={`Open ${item.id}`}
                >
                  <AssetThumbnail asset={item} height={90} />
                </UnstyledButton>
                <Text size="xs" truncate>
                  {assetName(item)}
                </Text>
                <Text size="xs" c="dimmed">
                  {item.width}×{item.height} · {item.format} · {formatBytes(item.bytes)}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatTime(item.created_at)}
                </Text>
                <Radio value={item.id} label="Keep this one" size="xs" mt={4} />
              </Card>
            ))}
          </SimpleGrid>
        </Radio.Group>
        <Group>
          <Button
            size="xs"
            color="red"
            variant="light"
            loading={trash.isPending}
            disabled={extra.length === 0}
            onClick={() => {
              trash.mutate({ action: "trash", asset_ids: extra, dry_run: false });
            }}
          >
            Trash the other {extra.length}
          </Button>
        </Group>
        <ApiErrorAlert error={trash.error} title="The copies could not be trashed" />
      </Stack>
    </Paper>
  );
}

/** Trash every copy but the oldest of each group shown, at once. */
function TrashAllExtras({ groups }: { groups: { items: Asset[] }[] }) {
  const trash = useBulkAction();
  const extra = groups.flatMap((group) => group.items.slice(1).map((item) => item.id));
  if (groups.length < 2) return null;
  return (
    <Group gap="xs">
      <ConfirmButton
        action={`Trash ${extra.length} extra copies`}
        title="Trash the extra copies?"
        size="sm"
        loading={trash.isPending}
        onConfirm={() => {
          trash.mutate({ action: "trash", asset_ids: extra, dry_run: false });
        }}
      >
        In each of the {groups.length} groups the oldest copy stays; the {extra.length} others go to the trash,
        restorable until purged.
      </ConfirmButton>
      <ApiErrorAlert error={trash.error} title="The copies could not be trashed" />
    </Group>
  );
}

/** Groups of near-duplicates (re-encoded, resized, lightly edited copies), for clean-up. */
export function DuplicateGroups({ onOpen }: { onOpen: (assetId: string) => void }) {
  const duplicates = useDuplicates();
  if (duplicates.isPending) {
    return (
      <Center h={200}>
        <Loader role="status" aria-label="finding duplicates" />
      </Center>
    );
  }
  if (!duplicates.data) return <ApiErrorAlert error={duplicates.error} title="Duplicates could not be found" />;
  const { groups, total } = duplicates.data;
  return (
    <Stack gap="md">
      <Title order={2} size="h5" data-testid="duplicate-count">
        {total === 0
          ? "No near-duplicates in the library."
          : `${total} group${total === 1 ? "" : "s"} of near-duplicates`}
      </Title>
      <TrashAllExtras groups={groups} />
      {groups.map((group, index) => (
        <DuplicateGroup
          key={group.items.map((item) => item.id).join()}
          items={group.items}
          index={index}
          onOpen={onOpen}
        />
      ))}
    </Stack>
  );
}
