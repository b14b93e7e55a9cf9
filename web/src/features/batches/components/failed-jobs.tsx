import { Table, Text } from "@mantine/core";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";

import { useBatchJobs } from "../api/list-batch-jobs";

/** The batch's newest failed jobs with the error each ended on. */
export function FailedJobs({ batchId, failed }: { batchId: string; failed: number }) {
  const jobs = useBatchJobs(batchId, "failed", failed);
  if (failed === 0) return null;
  const items = jobs.data?.items ?? [];
  return (
    <>
      <ApiErrorAlert error={jobs.error} />
      <Text size="sm" fw={500}>
        Failed jobs{failed > items.length ? ` (newest ${items.length} of ${failed})` : ""}
      </Text>
      <Table.ScrollContainer minWidth={480}>
        <Table withTableBorder aria-label="Failed jobs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Job</Table.Th>
              <Table.Th>Error</Table.Th>
              <Table.Th>Why</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((job) => (
              <Table.Tr key={job.id}>
                <Table.Td ff="monospace">{job.id}</Table.Td>
                <Table.Td ff="monospace">{job.error?.code}</Table.Td>
                <Table.Td>{job.error?.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
