import { Button, CloseButton, Fieldset, Group, Select, Slider, Stack, Text } from "@mantine/core";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { AssetPicker } from "@/components/ui/asset-picker";

import { useReferences } from "../api/list-references";
import { useSaveReference } from "../api/save-reference";
import { CONTROL_TYPES, type ControlRow } from "../multi-control";

interface ControlInputRowProps {
  row: ControlRow;
  index: number;
  update: (patch: Partial<ControlRow>) => void;
  remove: (() => void) | null;
}

/** One control: its type, its image (picked, uploaded or a saved reference) and strength. */
export function ControlInputRow({ row, index, update, remove }: ControlInputRowProps) {
  const name = `Control ${String(index + 1)}`;
  const references = useReferences(row.type);
  const save = useSaveReference();
  const typeLabel = CONTROL_TYPES.find((t) => t.value === row.type)?.label.toLowerCase() ?? row.type;
  const saved = references.data?.items ?? [];
  return (
    <Fieldset legend={name} aria-label={name}>
      <Stack gap="sm">
        <Group justify="space-between" align="end">
          <Select
            label={`${name} type`}
            allowDeselect={false}
            data={CONTROL_TYPES.map(({ value, label, hint }) => ({ value, label: `${label}: ${hint}` }))}
            value={row.type}
            onChange={(type) => {
              update({ type: CONTROL_TYPES.find((t) => t.value === type)?.value ?? row.type, referenceId: null });
            }}
          />
          {remove && <CloseButton aria-label={`Remove ${name.toLowerCase()}`} onClick={remove} />}
        </Group>
        <AssetPicker
          label={`${name} image`}
          value={row.assetId}
          showRecent={false}
          onChange={(assetId) => {
            update({ assetId, referenceId: null });
          }}
        />
        <Select
          label={`Saved ${typeLabel} reference`}
          placeholder={saved.length ? "Pick one" : `No ${typeLabel} references yet`}
          clearable
          data={saved.map((ref) => ({ value: ref.id, label: ref.asset.title ?? ref.id }))}
          value={row.referenceId}
          onChange={(referenceId) => {
            update({ referenceId, assetId: referenceId ? null : row.assetId });
          }}
        />
        {row.assetId && (
          <Button
            variant="light"
            w="fit-content"
            loading={save.isPending}
            onClick={() => {
              if (row.assetId) save.mutate({ asset_id: row.assetId, type: row.type });
            }}
          >
            Save as {typeLabel} reference
          </Button>
        )}
        {save.isSuccess && <Text size="sm">Saved as a {typeLabel} reference.</Text>}
        <ApiErrorAlert error={save.error} title="Not saved" />
        <Stack gap={2}>
          <Text size="sm" fw={500} aria-hidden>
            Strength: {row.strength.toFixed(2)}
          </Text>
          <Slider
            min={0}
            max={1}
            step={0.05}
            value={row.strength}
            onChange={(strength) => {
              update({ strength });
            }}
            thumbLabel={`${name} strength`}
            label={null}
          />
        </Stack>
      </Stack>
    </Fieldset>
  );
}
