import { Button, Group, Loader, Modal, Select, Stack, TagsInput, Text, TextInput } from "@mantine/core";
import { useState } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";

import { type AssetBulk, type BulkResult, useBulkAction, useBulkDryRun } from "../../api/bulk-action";
import { useCreateCollection } from "../../api/create-collection";
import { useCollections } from "../../api/list-collections";
import { useTags } from "../../api/list-tags";

export type DialogAction = "tag" | "untag" | "add_to_collection" | "trash";
/** Which assets: the ones picked, or every one the filters match. */
export type BulkTarget = { asset_ids: string[] } | { filter: NonNullable<AssetBulk["filter"]> };

const TITLES: Record<DialogAction, string> = {
  tag: "Tag assets",
  untag: "Remove tags",
  add_to_collection: "Add to a collection",
  trash: "Move to the trash",
};
const VERBS: Record<DialogAction, string> = {
  tag: "Tag",
  untag: "Untag",
  add_to_collection: "Add",
  trash: "Trash",
};

function plural(count: number): string {
  return `${count.toLocaleString()} asset${count === 1 ? "" : "s"}`;
}

/** What the dry run found, in words. */
function outcome(action: DialogAction, result: BulkResult, tags: string[], picked: boolean): string {
  const { matched, changed } = result;
  const rest = matched - changed;
  switch (action) {
    case "tag":
      return `${plural(changed)} of ${matched} will be tagged ${tags.join(", ")}${rest ? ` (${rest} have them already)` : ""}.`;
    case "untag":
      return `${plural(changed)} of ${matched} will lose ${tags.join(", ")}${rest ? ` (${rest} do not have them)` : ""}.`;
    case "add_to_collection":
      return `${plural(changed)} of ${matched} will be added at its end${picked ? ", in the order picked" : ""}${rest ? ` (${rest} are in it already)` : ""}.`;
    case "trash":
      return `${plural(changed)} will move to the trash, restorable from there until purged.`;
  }
}

function NewCollection({ onMade }: { onMade: (id: string) => void }) {
  const [name, setName] = useState("");
  const create = useCreateCollection();
  return (
    <Stack gap={4}>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <TextInput
          label="Or a new collection"
          placeholder="Summer campaign"
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
          }}
          style={{ flex: 1 }}
        />
        <Button
          variant="light"
          disabled={!name.trim()}
          loading={create.isPending}
          onClick={() => {
            create.mutate(
              { name: name.trim() },
              {
                onSuccess: (made) => {
                  setName("");
                  onMade(made.id);
                },
              },
            );
          }}
        >
          Create
        </Button>
      </Group>
      <ApiErrorAlert error={create.error} title="The collection could not be made" />
    </Stack>
  );
}

interface BulkDialogProps {
  action: DialogAction;
  target: BulkTarget;
  onClose: () => void;
  onDone: (message: string) => void;
}

/** A bulk action's dialog: what to do, how many it changes (a dry run), then confirm. */
export function BulkDialog({ action, target, onClose, onDone }: BulkDialogProps) {
  const [tags, setTags] = useState<string[]>([]);
  const [collectionId, setCollectionId] = useState<string | null>(null);
  const collections = useCollections();
  const knownTags = useTags();
  const needsTags = action === "tag" || action === "untag";
  const ready = needsTags ? tags.length > 0 : action !== "add_to_collection" || collectionId !== null;
  const body: AssetBulk | null = ready
    ? {
        action,
        ...target,
        dry_run: true,
        ...(needsTags ? { tags } : {}),
        ...(action === "add_to_collection" ? { collection_id: collectionId } : {}),
      }
    : null;
  const dryRun = useBulkDryRun(body);
  const run = useBulkAction();
  const changed = dryRun.data?.changed ?? 0;
  const confirm = () => {
    if (!body) return;
    run.mutate(body, {
      onSuccess: (result) => {
        onDone(`${VERBS[action]}: ${plural(result.changed)} changed.`);
      },
    });
  };
  return (
    <Modal opened onClose={onClose} title={TITLES[action]} closeButtonProps={{ "aria-label": "Cancel" }}>
      <Stack gap="md">
        {needsTags && (
          <TagsInput
            label={action === "tag" ? "Tags to add" : "Tags to remove"}
            description="Press Enter after each tag"
            data={(knownTags.data ?? []).map((tag) => tag.tag)}
            value={tags}
            onChange={setTags}
            data-autofocus
          />
        )}
        {action === "add_to_collection" && (
          <>
            <Select
              label="Collection"
              placeholder="Pick a collection"
              data={(collections.data ?? []).map((collection) => ({ value: collection.id, label: collection.name }))}
              value={collectionId}
              onChange={setCollectionId}
              searchable
            />
            <NewCollection onMade={setCollectionId} />
          </>
        )}
        <div aria-live="polite">
          {dryRun.isFetching && <Loader size="xs" role="status" aria-label="counting" />}
          {dryRun.data && !dryRun.isFetching && (
            <Text size="sm" fw={500} data-testid="bulk-count" data-changed={dryRun.data.changed}>
              {outcome(action, dryRun.data, tags, "asset_ids" in target)}
            </Text>
          )}
        </div>
        <ApiErrorAlert error={dryRun.error} title="The assets could not be counted" />
        <ApiErrorAlert error={run.error} title="The action failed" />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color={action === "trash" ? "red.9" : undefined}
            onClick={confirm}
            loading={run.isPending}
            disabled={!dryRun.data || dryRun.isFetching || changed === 0}
          >
            {VERBS[action]} {plural(changed)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
