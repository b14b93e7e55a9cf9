import { Button, Center, Group, Loader, NumberInput, Stack, Text, Title } from "@mantine/core";
import { type SubmitEvent, useState } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";

import { type LibrarySettings, useLibrarySettings } from "../../api/get-library-settings";
import { usePutLibrarySettings } from "../../api/put-library-settings";
import { type RuleDraft, newRule, ruleDraft, ruleOf } from "./rule-draft";
import { RuleFields } from "./rule-fields";

function SettingsForm({ settings }: { settings: LibrarySettings }) {
  const [days, setDays] = useState<number>(settings.trash_days);
  const [rules, setRules] = useState<RuleDraft[]>(() => (settings.retention_rules ?? []).map(ruleDraft));
  const save = usePutLibrarySettings();
  const unnamed = rules.some((rule) => !rule.name.trim());
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate({ trash_days: days, retention_rules: rules.map(ruleOf) });
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="md">
        <NumberInput
          label="Days in the trash"
          description="How long a deleted asset can be restored before it is purged (for assets deleted from now on)"
          min={1}
          max={365}
          value={days}
          onChange={(value) => {
            setDays(typeof value === "number" ? value : 30);
          }}
          maw={320}
        />
        <Stack gap="xs" component="section" aria-labelledby="retention-title">
          <Title order={2} size="h5" id="retention-title">
            Retention rules
          </Title>
          <Text size="sm" c="dimmed">
            Assets a rule matches go to the trash once they are older than its days (checked every few minutes).
          </Text>
          {rules.length === 0 && <Text size="sm">No rules: nothing is deleted automatically.</Text>}
          {rules.map((rule, index) => (
            <RuleFields
              // rules are edited in place: the position is the rule
              key={index}
              index={index}
              rule={rule}
              onChange={(changed) => {
                setRules(rules.map((old, at) => (at === index ? changed : old)));
              }}
              onRemove={() => {
                setRules(rules.filter((_, at) => at !== index));
              }}
            />
          ))}
          <Group>
            <Button
              variant="light"
              size="xs"
              disabled={rules.length >= 20}
              onClick={() => {
                setRules([...rules, newRule(rules.length)]);
              }}
            >
              Add a rule
            </Button>
          </Group>
        </Stack>
        <ApiErrorAlert error={save.error} title="The settings could not be saved" />
        <Group gap="xs">
          <Button type="submit" loading={save.isPending} disabled={unnamed}>
            Save settings
          </Button>
          {save.isSuccess && (
            <Text size="sm" c="green.9" role="status">
              Saved.
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}

/** The tenant's library settings: days in the trash, and the retention rules. */
export function LibrarySettingsForm() {
  const settings = useLibrarySettings();
  if (settings.isPending) {
    return (
      <Center h={120}>
        <Loader role="status" aria-label="loading the settings" />
      </Center>
    );
  }
  if (!settings.data) return <ApiErrorAlert error={settings.error} title="The settings could not be read" />;
  return <SettingsForm settings={settings.data} />;
}
