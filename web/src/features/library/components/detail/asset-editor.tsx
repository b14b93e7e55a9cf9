import {
  Alert,
  Button,
  Checkbox,
  Group,
  Rating,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Title,
} from "@mantine/core";
import { type SubmitEvent, useState } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { isApiError } from "@/lib/api-error";

import type { EditableAsset } from "../../api/get-editable-asset";
import { useTags } from "../../api/list-tags";
import { useUpdateAsset } from "../../api/update-asset";
import { CustomFields } from "./custom-fields";
import { type Draft, badKeys, draftOf, patchOf } from "./edit-draft";

function same(a: Draft, b: Draft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

interface AssetEditorProps {
  current: EditableAsset;
  /** Read the asset again (after someone else's edit). */
  onReload: () => Promise<EditableAsset | undefined>;
}

function Conflict({ onReload }: { onReload: () => void }) {
  return (
    <Alert color="orange" role="alert" title="Someone else changed this asset" data-testid="edit-conflict">
      <Stack gap="xs">
        <Text size="sm">
          It was edited since you opened it, so your changes were not saved: they would have overwritten that edit.
          Reload it to see it as it is now, then make your change again.
        </Text>
        <Group>
          <Button size="xs" onClick={onReload}>
            Reload the asset
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/**
 * The asset's own fields: title, description, tags, rating, favourite and custom fields, saved
 * as a merge patch of what changed on the version they were read at (`If-Match`).
 */
export function AssetEditor({ current, onReload }: AssetEditorProps) {
  const [base, setBase] = useState(current);
  const [draft, setDraft] = useState(() => draftOf(current.asset));
  const [seen, setSeen] = useState(current);
  const update = useUpdateAsset();
  const knownTags = useTags();
  const dirty = !same(draft, draftOf(base.asset));
  if (seen !== current) {
    // a fresher read: taken as the base unless the user is editing the one they had
    setSeen(current);
    if (!dirty) {
      setBase(current);
      setDraft(draftOf(current.asset));
    }
  }
  const keyProblem = badKeys(draft.custom);
  const conflict = isApiError(update.error) && update.error.status === 412;
  const set = (change: Partial<Draft>) => {
    setDraft((now) => ({ ...now, ...change }));
  };
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (keyProblem) return;
    const edit = patchOf(base.asset, draft);
    update.mutate(
      { assetId: base.asset.id, edit, base },
      {
        onSuccess: (edited) => {
          setBase(edited);
          setDraft(draftOf(edited.asset));
        },
      },
    );
  };
  const reload = async () => {
    const fresh = await onReload();
    if (!fresh) return;
    update.reset();
    setBase(fresh);
    setDraft(draftOf(fresh.asset));
  };
  return (
    <Stack gap="sm" component="section" aria-labelledby="asset-edit-title" data-testid="asset-editor">
      <Title order={3} size="h5" id="asset-edit-title">
        Details
      </Title>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label="Title"
            maxLength={200}
            value={draft.title}
            onChange={(event) => {
              set({ title: event.currentTarget.value });
            }}
          />
          <Textarea
            label="Description"
            maxLength={5000}
            autosize
            minRows={2}
            maxRows={6}
            value={draft.description}
            onChange={(event) => {
              set({ description: event.currentTarget.value });
            }}
          />
          <TagsInput
            label="Tags"
            description="Press Enter after each tag; lower case"
            data={(knownTags.data ?? []).map((tag) => tag.tag)}
            value={draft.tags}
            onChange={(tags) => {
              set({ tags: [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter(Boolean))] });
            }}
            maxTags={50}
          />
          <Group gap="lg" align="center" wrap="wrap">
            <Group gap="xs" role="group" aria-labelledby="asset-rating-label">
              <Text size="sm" fw={500} id="asset-rating-label">
                Rating
              </Text>
              <Rating
                value={draft.rating}
                onChange={(rating) => {
                  set({ rating });
                }}
                getSymbolLabel={(stars) => `${stars} star${stars === 1 ? "" : "s"}`}
              />
              {draft.rating > 0 && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => {
                    set({ rating: 0 });
                  }}
                >
                  Clear rating
                </Button>
              )}
            </Group>
            <Checkbox
              label="Favourite"
              checked={draft.favorite}
              onChange={(event) => {
                set({ favorite: event.currentTarget.checked });
              }}
            />
          </Group>
          <CustomFields
            rows={draft.custom}
            onChange={(custom) => {
              set({ custom });
            }}
            error={keyProblem}
          />
          {conflict ? (
            <Conflict onReload={() => void reload()} />
          ) : (
            <ApiErrorAlert error={update.error} title="The changes could not be saved" />
          )}
          <Group gap="xs">
            <Button type="submit" disabled={!dirty || keyProblem !== null} loading={update.isPending}>
              Save changes
            </Button>
            <Button
              variant="default"
              disabled={!dirty}
              onClick={() => {
                update.reset();
                setDraft(draftOf(base.asset));
              }}
            >
              Discard
            </Button>
            {update.isSuccess && !dirty && (
              <Text size="sm" c="green.9" role="status">
                Saved.
              </Text>
            )}
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
