import { Button, Group, MultiSelect, Stack, TextInput } from "@mantine/core";
import { type SubmitEvent, useState } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";

import { useCreateWebhook } from "../api/create-webhook";
import { SecretOnce } from "./secret-once";

const EVENT_TYPES = [
  { value: "*", label: "Every event (*)" },
  ...["accepted", "rejected", "approved", "started", "progress", "completed", "failed", "cancelled"].map((name) => ({
    value: `studio.job.${name}`,
    label: `studio.job.${name}`,
  })),
];

/** Add an endpoint: its URL, the events it gets, a note; the signing secret shows once. */
export function WebhookForm() {
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<string[]>(["studio.job.completed", "studio.job.failed"]);
  const [description, setDescription] = useState("");
  const create = useCreateWebhook();
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = { url: url.trim(), events, description: description.trim() || null };
    create.mutate(body, {
      onSuccess: () => {
        setUrl("");
        setDescription("");
      },
    });
  };
  return (
    <Stack gap="xs">
      <form onSubmit={submit} aria-label="Add a webhook endpoint">
        <Stack gap="xs">
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label="Endpoint URL"
              type="url"
              placeholder="https://hooks.example.com/studio"
              value={url}
              onChange={(event) => {
                setUrl(event.currentTarget.value);
              }}
              required
              miw={240}
            />
            <TextInput
              label="Description"
              placeholder="campaign tracker"
              value={description}
              onChange={(event) => {
                setDescription(event.currentTarget.value);
              }}
              maxLength={200}
              miw={200}
            />
          </Group>
          <MultiSelect label="Events" data={EVENT_TYPES} value={events} onChange={setEvents} required />
          <Group>
            <Button type="submit" loading={create.isPending} disabled={!url.trim() || events.length === 0}>
              Add endpoint
            </Button>
          </Group>
        </Stack>
      </form>
      <ApiErrorAlert error={create.error} title="The endpoint was not added" />
      {create.data && (
        <SecretOnce
          title={`Signing secret of ${create.data.url}`}
          secret={create.data.secret}
          what="signing secret"
          onDone={create.reset}
        />
      )}
    </Stack>
  );
}
