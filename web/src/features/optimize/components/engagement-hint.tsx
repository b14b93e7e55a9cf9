import { Badge, Group, Stack, Table, Text } from "@mantine/core";

import type { Schemas } from "@/lib/api-client";

type EngagementHint = Schemas["EngagementHint"];

function scoreColour(score: number): string {
  if (score >= 70) return "green";
  return score >= 40 ? "yellow" : "red";
}

function label(name: string): string {
  return name.replaceAll("_", " ");
}

/** An output's engagement hint: a heuristic of visual legibility (not a click prediction), with each measured component. */
export function EngagementHintTable({ hint, name }: { hint: EngagementHint; name: string }) {
  return (
    <Stack gap={4} data-testid="engagement-hint" data-score={hint.score}>
      <Group gap={6}>
        <Text size="sm" fw={500}>
          Engagement hint
        </Text>
        <Badge color={scoreColour(hint.score)} variant="dot">
          {hint.score}/100
        </Badge>
        <Text size="sm">({hint.method})</Text>
      </Group>
      <Text size="xs">{hint.description}</Text>
      <Table.ScrollContainer
        minWidth={320}
        type="native"
        tabIndex={0}
        role="region"
        aria-label={`Engagement hint of ${name}, scrolls sideways`}
      >
        <Table fz="xs" verticalSpacing={2} horizontalSpacing={4} withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Component</Table.Th>
              <Table.Th>Measured</Table.Th>
              <Table.Th>Score</Table.Th>
              <Table.Th>Weight</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {hint.components.map((part) => (
              <Table.Tr key={part.name} data-component={part.name}>
                <Table.Td>
                  <Text size="xs" fw={500}>
                    {label(part.name)}
                  </Text>
                  <Text size="xs">{part.why}</Text>
                </Table.Td>
                <Table.Td title={part.measure}>{part.value ?? "—"}</Table.Td>
                <Table.Td>{part.score ?? "n/a"}</Table.Td>
                <Table.Td>{Math.round(part.weight * 100)}%</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
