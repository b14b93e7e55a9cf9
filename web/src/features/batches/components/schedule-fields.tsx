import { Anchor, Group, Loader, Radio, Stack, Text, TextInput } from "@mantine/core";
import { Link } from "react-router";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { useOffPeakWindow } from "@/lib/api/get-off-peak-window";

import { type Schedule, type ScheduleMode } from "../schedule";

const MODES: { value: ScheduleMode; label: string }[] = [
  { value: "now", label: "Run now" },
  { value: "at", label: "At a time" },
  { value: "off_peak", label: "Off-peak" },
];

const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The tenant's off-peak window, as the API holds it. */
function OffPeakNote() {
  const current = useOffPeakWindow();
  if (current.isPending) return <Loader size="xs" aria-label="loading the off-peak window" />;
  if (current.isError) return <ApiErrorAlert error={current.error} title="The off-peak window could not be read" />;
  const { start, end, timezone } = current.data;
  return (
    <Text size="sm" data-testid="off-peak-window">
      Runs in your off-peak window, {start} to {end} ({timezone}): at once inside it, else when it next opens.{" "}
      <Anchor component={Link} to="/account" size="sm">
        Change it on the Account page
      </Anchor>
      .
    </Text>
  );
}

interface ScheduleFieldsProps {
  schedule: Schedule;
  onChange: (schedule: Schedule) => void;
  /** The API's refusal of the time, shown on the field. */
  error?: string;
}

/** When the batch runs: now, at a local date and time, or in the tenant's off-peak window. */
export function ScheduleFields({ schedule, onChange, error }: ScheduleFieldsProps) {
  return (
    <Stack gap="xs">
      <Radio.Group
        label="When it runs"
        value={schedule.mode}
        onChange={(value) => {
          onChange({ ...schedule, mode: MODES.find((mode) => mode.value === value)?.value ?? "now" });
        }}
      >
        <Group gap="lg" mt={4}>
          {MODES.map((mode) => (
            <Radio key={mode.value} value={mode.value} label={mode.label} />
          ))}
        </Group>
      </Radio.Group>
      {schedule.mode === "at" && (
        <TextInput
          label="Run at"
          description={`Your local time (${BROWSER_ZONE}); the jobs wait as scheduled until then and can be cancelled.`}
          type="datetime-local"
          required
          value={schedule.at}
          error={error}
          onChange={(event) => {
            onChange({ ...schedule, at: event.currentTarget.value });
          }}
          w={320}
          maw="100%"
        />
      )}
      {schedule.mode === "off_peak" && <OffPeakNote />}
    </Stack>
  );
}
