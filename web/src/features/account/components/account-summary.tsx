import { Badge, Group, Loader, Paper, Progress, SimpleGrid, Stack, Text } from "@mantine/core";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import type { Schemas } from "@/lib/api-client";
import { type Account, useAccount } from "@/lib/api/get-account";
import { formatBytes } from "@/lib/format";

import { useLibraryStats } from "../api/get-library-stats";

import { Section } from "./section";

function Stat({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={`stat-${label.toLowerCase().replaceAll(" ", "-")}`}>
        {value}
      </Text>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </Paper>
  );
}

function Allowance({ label, allowance }: { label: string; allowance: Schemas["AllowancePublic"] }) {
  const { used, monthly, left, packs_left: packs } = allowance;
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <Text size="sm">
          {monthly === null ? `${used} used, unlimited` : `${used} of ${monthly} used, ${left ?? 0} left`}
          {packs > 0 && ` · ${packs} in packs`}
        </Text>
      </Group>
      {monthly !== null && (
        <Progress
          value={monthly === 0 ? 100 : Math.min(100, (used / monthly) * 100)}
          aria-label={`${label} used this month`}
        />
      )}
    </Stack>
  );
}

/** Storage used by the library: every object kept, the trash's included. */
function Storage() {
  const stats = useLibraryStats();
  const totals = stats.data?.totals;
  if (!totals) return <Stat label="Storage" value={stats.isError ? "—" : "…"} note="Library files" />;
  return (
    <Stat
      label="Storage"
      value={formatBytes(totals.stored_bytes)}
      note={`${totals.assets.toLocaleString()} assets, ${totals.trashed_assets.toLocaleString()} in the trash`}
    />
  );
}

function Summary({ account }: { account: Account }) {
  const cap = account.budget_cap;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm">
        <Stat
          label="Plan"
          value={account.plan.name}
          note={`$${account.plan.price_usd} a month${account.plan.priority_lane ? " · priority lane" : ""}`}
        />
        <Stat label="Balance" value={`${account.balance.toLocaleString()} credits`} note={`$${account.balance_usd}`} />
        <Stat label="Reserved" value={`${account.reserved.toLocaleString()} credits`} note="Held by running jobs" />
        <Stat
          label="This month"
          value={`${account.committed.toLocaleString()} credits`}
          note={`${account.period}${cap === null ? ", no budget cap" : `, cap ${cap.toLocaleString()}`}`}
        />
        <Storage />
      </SimpleGrid>
      <Allowance label="Images" allowance={account.images} />
      <Allowance label="Videos" allowance={account.videos} />
      <Group gap={6} wrap="wrap" aria-label="Plan features" role="list">
        {account.plan.features.map((feature) => (
          <Badge key={feature} variant="light" color="gray" tt="none" role="listitem">
            {feature}
          </Badge>
        ))}
      </Group>
    </Stack>
  );
}

/** The plan, balance, credits held, and this month's allowances (`GET /v1/billing/account`). */
export function AccountSummary() {
  const account = useAccount();
  return (
    <Section id="account-plan" title="Plan and balance">
      {account.isPending && <Loader size="sm" aria-label="loading the account" />}
      <ApiErrorAlert error={account.error} title="The account could not be read" />
      {account.data && <Summary account={account.data} />}
    </Section>
  );
}
