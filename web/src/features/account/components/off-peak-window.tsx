import { Button, Group, Loader, Select, Text, TextInput } from "@mantine/core";
import { type SubmitEvent, useMemo, useState } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { type OffPeakWindow, useOffPeakWindow } from "@/lib/api/get-off-peak-window";

import { useSetOffPeakWindow } from "../api/set-off-peak-window";
import { Section } from "./section";

/** Zones listed at once (the rest by typing): a list of hundreds is slow to draw and to read. */
const ZONES_SHOWN = 30;

/** The browser's IANA zones, with the saved one and UTC always among them. */
function zonesWith(saved: string): string[] {
  return [...new Set(["UTC", saved, ...Intl.supportedValuesOf("timeZone")])].sort();
}

interface WindowFormProps {
  saved: OffPeakWindow;
  save: ReturnType<typeof useSetOffPeakWindow>;
}

/** Start, end and zone, from the saved window; kept on the section so "saved" outlives it. */
function WindowForm({ saved, save }: WindowFormProps) {
  const [start, setStart] = useState(saved.start);
  const [end, setEnd] = useState(saved.end);
  const [timezone, setTimezone] = useState(saved.timezone);
  const zones = useMemo(() => zonesWith(saved.timezone), [saved.timezone]);
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate({ start, end, timezone });
  };
  return (
    <form onSubmit={submit} aria-label="Off-peak window">
      <Group align="flex-end" wrap="wrap" gap="sm">
        <TextInput
          label="Opens at"
          type="time"
          required
          value={start}
          onChange={(event) => {
            setStart(event.currentTarget.value);
          }}
          w={140}
        />
        <TextInput
          label="Closes at"
          type="time"
          required
          value={end}
          onChange={(event) => {
            setEnd(event.currentTarget.value);
          }}
          w={140}
        />
        <Select
          label="Time zone"
          data={zones}
          value={timezone}
          onChange={(value) => {
            if (value) setTimezone(value);
          }}
          description="Type a city or region"
          searchable
          limit={ZONES_SHOWN}
          allowDeselect={false}
          w={240}
          maw="100%"
        />
        <Button type="submit" loading={save.isPending}>
          Save the window
        </Button>
      </Group>
    </form>
  );
}

/** The daily hours `schedule: off_peak` batches run in, read and set through the API. */
export function OffPeakWindowSection() {
  const current = useOffPeakWindow();
  const save = useSetOffPeakWindow();
  return (
    <Section
      id="account-off-peak"
      title="Off-peak window"
      intro="Batches submitted to run off-peak wait until this window opens (inside it they run at once); it may cross midnight. Batches already scheduled keep their time."
    >
      {current.isPending && <Loader size="sm" aria-label="loading the off-peak window" />}
      <ApiErrorAlert error={current.error} title="The off-peak window could not be read" />
      {current.data && (
        <>
          <Text size="sm" data-testid="off-peak-current">
            From {current.data.start} to {current.data.end} ({current.data.timezone})
          </Text>
          <WindowForm key={JSON.stringify(current.data)} saved={current.data} save={save} />
        </>
      )}
      {save.isSuccess && (
        <Text size="sm" role="status">
          Saved: off-peak batches now wait for this window.
        </Text>
      )}
      <ApiErrorAlert error={save.error} title="The window was not saved" />
    </Section>
  );
}
