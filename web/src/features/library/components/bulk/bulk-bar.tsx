import { Alert, Button, Group, Paper, SegmentedControl, Text } from "@mantine/core";
import { useState } from "react";

import type { AssetFilter } from "../../api/search-assets";
import type { Selection } from "../../hooks/use-selection";
import { BulkDialog, type BulkTarget, type DialogAction } from "./bulk-dialog";

interface BulkBarProps {
  selection: Selection;
  /** The ids shown in the grid now, for "select all shown". */
  shown: string[];
  /** The search as a filter, when it can be one (no words); with how many it matches. */
  filter: AssetFilter | null;
  total: number | null;
}

const ACTIONS: { action: DialogAction; label: string }[] = [
  { action: "tag", label: "Tag…" },
  { action: "untag", label: "Untag…" },
  { action: "add_to_collection", label: "Add to collection…" },
  { action: "trash", label: "Move to trash…" },
];

/** Act on many assets at once: the ones picked, or every one the filters match. */
export function BulkBar({ selection, shown, filter, total }: BulkBarProps) {
  const [scope, setScope] = useState<"selected" | "all">("selected");
  const [action, setAction] = useState<DialogAction | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const picked = selection.ids.size;
  const all = scope === "all" && filter !== null;
  const target: BulkTarget | null = all ? { filter } : picked ? { asset_ids: [...selection.ids] } : null;
  return (
    <Paper withBorder p="xs" pos="sticky" top={64} style={{ zIndex: 5 }} aria-label="Bulk actions" component="section">
      <Group gap="xs" wrap="wrap" justify="space-between">
        <Group gap="xs" wrap="wrap">
          {filter !== null && total !== null ? (
            <SegmentedControl
              size="xs"
              value={scope}
              onChange={(value) => {
                setScope(value === "all" ? "all" : "selected");
              }}
              data={[
                { value: "selected", label: `${picked} selected` },
                { value: "all", label: `All ${total.toLocaleString()} matching` },
              ]}
              aria-label="Act on"
            />
          ) : (
            <Text size="sm" data-testid="selected-count">
              {picked} selected
            </Text>
          )}
          <Button
            size="compact-sm"
            variant="subtle"
            onClick={() => {
              selection.add(shown);
            }}
            disabled={shown.length === 0}
          >
            Select all shown
          </Button>
          {picked > 0 && (
            <Button size="compact-sm" variant="subtle" onClick={selection.clear}>
              Clear selection
            </Button>
          )}
        </Group>
        <Group gap="xs" wrap="wrap">
          {ACTIONS.map((item) => (
            <Button
              key={item.action}
              size="compact-sm"
              variant={item.action === "trash" ? "light" : "default"}
              color={item.action === "trash" ? "red" : undefined}
              disabled={target === null}
              onClick={() => {
                setDone(null);
                setAction(item.action);
              }}
            >
              {item.label}
            </Button>
          ))}
        </Group>
      </Group>
      {done && (
        <Alert
          mt="xs"
          color="green"
          role="status"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => {
            setDone(null);
          }}
          p="xs"
        >
          {done}
        </Alert>
      )}
      {action && target && (
        <BulkDialog
          action={action}
          target={target}
          onClose={() => {
            setAction(null);
          }}
          onDone={(message) => {
            setAction(null);
            setDone(message);
            selection.clear();
          }}
        />
      )}
    </Paper>
  );
}
