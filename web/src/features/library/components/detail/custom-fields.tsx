import { Button, CloseButton, Group, Stack, Text, TextInput } from "@mantine/core";

import type { CustomRow } from "./edit-draft";

interface CustomFieldsProps {
  rows: CustomRow[];
  onChange: (rows: CustomRow[]) => void;
  error: string | null;
}

/** The asset's own key/values (client, campaign, licence…), a row each. */
export function CustomFields({ rows, onChange, error }: CustomFieldsProps) {
  const change = (index: number, row: Partial<CustomRow>) => {
    onChange(rows.map((old, at) => (at === index ? { ...old, ...row } : old)));
  };
  return (
    <Stack gap={6} role="group" aria-labelledby="custom-fields-title">
      <Text size="sm" fw={500} id="custom-fields-title">
        Custom fields
      </Text>
      {rows.map((row, index) => (
        // rows have no id of their own: the position is the row
        <Group key={index} gap="xs" wrap="nowrap" align="flex-start" data-testid="custom-field">
          <TextInput
            aria-label={`Field ${index + 1} name`}
            placeholder="client"
            value={row.key}
            onChange={(event) => {
              change(index, { key: event.currentTarget.value });
            }}
            style={{ flex: "0 1 40%" }}
          />
          <TextInput
            aria-label={`Field ${index + 1} value`}
            placeholder="Acme"
            value={row.value}
            maxLength={500}
            onChange={(event) => {
              change(index, { value: event.currentTarget.value });
            }}
            style={{ flex: 1 }}
          />
          <CloseButton
            aria-label={`Remove field ${row.key || index + 1}`}
            onClick={() => {
              onChange(rows.filter((_, at) => at !== index));
            }}
            mt={4}
          />
        </Group>
      ))}
      {error && (
        <Text size="xs" c="red.9" role="alert">
          {error}
        </Text>
      )}
      <Group>
        <Button
          size="compact-sm"
          variant="subtle"
          onClick={() => {
            onChange([...rows, { key: "", value: "" }]);
          }}
        >
          Add a field
        </Button>
      </Group>
    </Stack>
  );
}
