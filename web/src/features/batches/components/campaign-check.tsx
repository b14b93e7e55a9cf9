import { Alert, Group, Stack, Table, Text } from "@mantine/core";

import { CostChip } from "@/components/ui/cost-chip";

import type { BatchCheck } from "../api/submit-batch";
import { VolumeDiscount } from "./volume-discount";

interface Problem {
  row: number;
  field: string;
  message: string;
}

const plural = (count: number, noun: string) => `${noun}${count === 1 ? "" : "s"}`;

/** The numbers (from 1) of the rows that are not valid. */
function invalidRows(check: BatchCheck): Set<number> {
  return new Set(check.errors.map((error) => error.row));
}

/** Rows the API would not run: invalid ones, and valid ones whose estimate is refused (in row order). */
function problemsOf(check: BatchCheck): Problem[] {
  const invalid = invalidRows(check);
  const validRows = Array.from({ length: check.jobs }, (_, index) => index + 1).filter((row) => !invalid.has(row));
  const refused = (check.estimate?.items ?? []).flatMap((item, index) =>
    item.refusal
      ? [{ row: validRows[index] ?? 0, field: item.refusal.code, message: item.refusal.message }]
      : [],
  );
  return [...check.errors, ...refused].sort((a, b) => a.row - b.row);
}

function Summary({ check }: { check: BatchCheck }) {
  const estimate = check.estimate;
  const valid = check.jobs - invalidRows(check).size;
  return (
    <Group gap="sm" wrap="wrap" data-testid="campaign-estimate">
      <Text fw={600}>
        <span data-testid="estimate-jobs">{check.jobs}</span> {plural(check.jobs, "job")}
      </Text>
      {estimate && (
        <>
          <Text size="sm">
            <span data-testid="estimate-credits">{estimate.credits}</span> {plural(estimate.credits, "credit")} for
            the {valid} valid {plural(valid, "row")}
          </Text>
          <CostChip credits={estimate.credits} priceUsd={estimate.price_usd} expectedSeconds={estimate.expected_seconds} />
        </>
      )}
    </Group>
  );
}

/** The dry run's answer: what the campaign costs and takes, and every row that would be refused, with why. */
export function CampaignCheck({ check }: { check: BatchCheck }) {
  const problems = problemsOf(check);
  return (
    <Stack gap="sm">
      <Summary check={check} />
      {check.estimate && <VolumeDiscount estimate={check.estimate} />}
      {check.valid && check.estimate?.allowed !== false && (
        <Alert color="green" title="Every row is valid">
          Nothing has been created or charged yet: submit to run the batch.
        </Alert>
      )}
      {!check.valid && (
        <Alert color="red" title={`${invalidRows(check).size} of ${check.jobs} rows are not valid`} role="alert">
          The API refuses the whole batch until every row is fixed.
        </Alert>
      )}
      {problems.length > 0 && (
        <Table.ScrollContainer minWidth={480}>
          <Table striped withTableBorder aria-label="Rows that would be refused">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Row</Table.Th>
                <Table.Th>Field</Table.Th>
                <Table.Th>Why</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {problems.map((problem) => (
                <Table.Tr key={`${problem.row}:${problem.field}:${problem.message}`} data-row={problem.row}>
                  <Table.Td>{problem.row}</Table.Td>
                  <Table.Td ff="monospace">{problem.field}</Table.Td>
                  <Table.Td>{problem.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
