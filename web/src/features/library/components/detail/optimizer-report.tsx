import { Badge, Stack, Table, Text, Title } from "@mantine/core";

import type { Schemas } from "@/lib/api-client";
import { formatBytes } from "@/lib/format";

type OutputReport = Schemas["OutputReport"];

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function summary(report: OutputReport): string[] {
  const crop = report.crop;
  const limit = report.max_bytes ? ` to fit ${formatBytes(report.max_bytes)}` : "";
  return [
    `Level ${report.level}, ${report.mode}`,
    report.quality === null ? "Lossless encode" : `Encoder quality ${report.quality}`,
    `${plural(report.encodes, "encode")}${limit}`,
    `SSIM ${report.ssim.toFixed(3)} (${report.ssim_scale} scale)`,
    `Framed by ${crop.framing}: box ${crop.box.join(", ")}, ${plural(crop.faces_in_frame, "face")} in frame`,
    ...(report.safe_zone_conflicts?.length ? [`Overlaps the safe zone: ${report.safe_zone_conflicts.join(", ")}`] : []),
  ];
}

/** How the social optimizer framed, encoded and checked this output. */
export function OptimizerReport({ report }: { report: OutputReport }) {
  return (
    <Stack gap="xs" data-testid="optimizer-report">
      <Title order={3} size="h5">
        Optimizer report
      </Title>
      {summary(report).map((line) => (
        <Text key={line} size="sm">
          {line}
        </Text>
      ))}
      <Table.ScrollContainer
        minWidth={420}
        type="native"
        tabIndex={0}
        role="region"
        aria-label="Checks, scrolls sideways"
      >
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Check</Table.Th>
              <Table.Th>Result</Table.Th>
              <Table.Th>Value</Table.Th>
              <Table.Th>Passes at</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.checks.map((check) => (
              <Table.Tr key={check.name} title={check.message}>
                <Table.Td>{check.name}</Table.Td>
                <Table.Td>
                  <Badge color={check.passed ? "green" : "red"} variant="dot">
                    {check.passed ? "passed" : "failed"}
                  </Badge>
                </Table.Td>
                <Table.Td>{check.value ?? "—"}</Table.Td>
                <Table.Td>{check.limit}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
