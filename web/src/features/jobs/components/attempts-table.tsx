import { Badge, Table, Text } from "@mantine/core";

import type { Job } from "@/lib/api/create-job";

type Attempt = NonNullable<Job["attempts"]>[number];

const OUTCOME_COLOURS: Record<Attempt["outcome"], string> = {
  ok: "green",
  error: "red",
  rate_limited: "orange",
  timeout: "orange",
  refused: "red",
  skipped: "gray",
};

function credits(count: number): string {
  return `${count} credit${count === 1 ? "" : "s"}`;
}

/** Every provider call a job made (or provider it passed over), with what each cost. */
export function AttemptsTable({ attempts }: { attempts: readonly Attempt[] }) {
  if (attempts.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No provider attempts recorded yet.
      </Text>
    );
  }
  return (
    <Table withTableBorder fz="xs" data-testid="attempts">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Provider · model</Table.Th>
          <Table.Th>Outcome</Table.Th>
          <Table.Th>Latency</Table.Th>
          <Table.Th>Cost</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {attempts.map((attempt, index) => (
          <Table.Tr key={`${attempt.provider}:${attempt.variation}:${index}`}>
            <Table.Td>
              {attempt.provider} · {attempt.model}
              {attempt.variation > 0 && ` (variation ${attempt.variation + 1})`}
            </Table.Td>
            <Table.Td>
              <Badge color={OUTCOME_COLOURS[attempt.outcome]} variant="dot">
                {attempt.outcome}
              </Badge>
              {(attempt.code ?? attempt.message) && (
                <Text size="xs" c="dimmed">
                  {[attempt.status, attempt.code, attempt.message].filter(Boolean).join(" · ")}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{attempt.latency_ms} ms</Table.Td>
            <Table.Td>
              {credits(attempt.cost?.credits ?? 0)} (${attempt.cost?.usd ?? "0"})
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
