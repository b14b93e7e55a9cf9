import {
  Button,
  Checkbox,
  CloseButton,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from "@mantine/core";
import { useState } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";

import { searchAssets } from "../../api/search-assets";
import { type RuleDraft, ruleFilter } from "./rule-draft";

const KINDS = [
  "upload",
  "generate",
  "optimize.social",
  "edit.inpaint",
  "upscale.fast",
  "control.sketch",
  "transform.image_to_video",
];
const QUALITIES = ["draft", "standard", "premium"];

interface RuleFieldsProps {
  index: number;
  rule: RuleDraft;
  onChange: (rule: RuleDraft) => void;
  onRemove: () => void;
}

/** How many assets the rule would send to the trash now: a search with its filter and age. */
function useCount(rule: RuleDraft) {
  const [state, setState] = useState<{ matched?: number; error?: unknown; pending: boolean }>({ pending: false });
  const count = () => {
    setState({ pending: true });
    const before = new Date(Date.now() - rule.days * 86_400_000).toISOString();
    searchAssets({ ...ruleFilter(rule), created_before: before }, undefined, 1).then(
      (page) => {
        setState({ matched: page.total ?? 0, pending: false });
      },
      (error: unknown) => {
        setState({ error, pending: false });
      },
    );
  };
  return { ...state, count };
}

/** One retention rule: which assets, how old, sent to the trash. */
export function RuleFields({ index, rule, onChange, onRemove }: RuleFieldsProps) {
  const set = (change: Partial<RuleDraft>) => {
    onChange({ ...rule, ...change });
  };
  const counted = useCount(rule);
  const n = index + 1;
  return (
    <Paper withBorder p="sm" role="group" aria-label={`Rule ${n}: ${rule.name}`} data-testid="retention-rule">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-end">
          <TextInput
            label={`Rule ${n} name`}
            value={rule.name}
            maxLength={100}
            onChange={(event) => {
              set({ name: event.currentTarget.value });
            }}
            style={{ flex: 1 }}
          />
          <CloseButton aria-label={`Remove rule ${n}`} onClick={onRemove} mb={6} />
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
          <NumberInput
            label="Older than (days)"
            min={0}
            max={3650}
            value={rule.days}
            onChange={(value) => {
              set({ days: typeof value === "number" ? value : 0 });
            }}
          />
          <Select
            label="Kind"
            placeholder="Any kind"
            data={KINDS}
            value={rule.kind}
            onChange={(kind) => {
              set({ kind });
            }}
            clearable
          />
          <Select
            label="Quality"
            placeholder="Any quality"
            data={QUALITIES}
            value={rule.quality}
            onChange={(quality) => {
              set({ quality });
            }}
            clearable
          />
        </SimpleGrid>
        <TagsInput
          label="With all these tags"
          value={rule.tags}
          onChange={(tags) => {
            set({ tags });
          }}
        />
        <Group gap="lg">
          <Checkbox
            label="Not favourites"
            checked={rule.notFavourite}
            onChange={(event) => {
              set({ notFavourite: event.currentTarget.checked });
            }}
          />
          <Checkbox
            label="Never used"
            checked={rule.neverUsed}
            onChange={(event) => {
              set({ neverUsed: event.currentTarget.checked });
            }}
          />
        </Group>
        <Group gap="xs">
          <Button size="compact-sm" variant="subtle" onClick={counted.count} loading={counted.pending}>
            How many now?
          </Button>
          {counted.matched !== undefined && (
            <Text size="sm" aria-live="polite">
              {counted.matched} asset{counted.matched === 1 ? "" : "s"} would go to the trash now.
            </Text>
          )}
        </Group>
        <ApiErrorAlert error={counted.error} title="The rule's assets could not be counted" />
      </Stack>
    </Paper>
  );
}
