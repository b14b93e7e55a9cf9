import { Button, Group, Stack, TextInput, Textarea } from "@mantine/core";
import { type SubmitEvent, useState } from "react";

export interface CollectionFields {
  name: string;
  description: string;
}

interface CollectionFormProps {
  initial?: CollectionFields;
  submitLabel: string;
  pending: boolean;
  onSubmit: (fields: CollectionFields) => void;
  onCancel?: () => void;
}

/** A collection's name and description: to make one, or to rename it. */
export function CollectionForm({ initial, submitLabel, pending, onSubmit, onCancel }: CollectionFormProps) {
  const [fields, setFields] = useState<CollectionFields>(initial ?? { name: "", description: "" });
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!fields.name.trim()) return;
    onSubmit({ name: fields.name.trim(), description: fields.description.trim() });
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="xs">
        <TextInput
          label="Name"
          required
          maxLength={120}
          value={fields.name}
          onChange={(event) => {
            setFields({ ...fields, name: event.currentTarget.value });
          }}
        />
        <Textarea
          label="Description"
          maxLength={2000}
          autosize
          minRows={1}
          maxRows={4}
          value={fields.description}
          onChange={(event) => {
            setFields({ ...fields, description: event.currentTarget.value });
          }}
        />
        <Group gap="xs">
          <Button type="submit" loading={pending} disabled={!fields.name.trim()}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
