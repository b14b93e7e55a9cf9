import "@mantine/charts/styles.css";

import { BarChart } from "@mantine/charts";
import { Loader, Text } from "@mantine/core";
import { useMemo, useState } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";

import { type UsageRow, useUsage } from "../api/get-usage";
import { Section } from "./section";

const DAYS = 30;
const DAY_MS = 86_400_000;
const COLOURS = ["violet.6", "teal.6", "orange.6", "blue.6", "pink.6", "lime.7", "cyan.7", "grape.6"];

/** The `YYYY-MM-DD` (UTC, as the API counts days) of each of the last {@link DAYS} days. */
function lastDays(now: number): string[] {
  return Array.from({ length: DAYS }, (_, index) =>
    new Date(now - (DAYS - 1 - index) * DAY_MS).toISOString().slice(0, 10),
  );
}

/** A series key recharts will not read as a path (`optimize.social` would be nested). */
function seriesKey(operation: string): string {
  return operation.replaceAll(".", "_");
}

/** One bar per day, stacked by operation; days without spend are zero. */
function chartData(rows: readonly UsageRow[], days: readonly string[]) {
  const operations = [...new Set(rows.map((row) => row.operation))].sort();
  const data = days.map((day) => {
    const bar: Record<string, number | string> = { day: day.slice(5) };
    for (const operation of operations) bar[seriesKey(operation)] = 0;
    for (const row of rows) {
      if (row.day === day) bar[seriesKey(row.operation)] = Number(bar[seriesKey(row.operation)] ?? 0) + row.credits;
    }
    return bar;
  });
  const series = operations.map((operation, index) => ({
    name: seriesKey(operation),
    label: operation,
    color: COLOURS[index % COLOURS.length] ?? "gray.6",
  }));
  return { data, series };
}

/** Credits spent per day over the last 30 days, by operation (`GET /v1/billing/usage`). */
export function SpendChart() {
  const [days] = useState(() => lastDays(Date.now()));
  const usage = useUsage(days[0] ?? "");
  const chart = useMemo(() => chartData(usage.data?.items ?? [], days), [usage.data, days]);
  const rows = usage.data?.items ?? [];
  const total = rows.reduce((sum, row) => sum + row.credits, 0);
  const jobs = rows.reduce((sum, row) => sum + row.jobs, 0);
  return (
    <Section
      id="account-spend"
      title="Spend over time"
      intro={`Credits spent each day of the last ${DAYS} (UTC), by operation.`}
    >
      {usage.isPending && <Loader size="sm" aria-label="loading the usage" />}
      <ApiErrorAlert error={usage.error} title="The usage could not be read" />
      {usage.data && (
        <figure style={{ margin: 0 }} aria-labelledby="spend-caption" data-testid="spend-chart">
          <BarChart
            h={260}
            data={chart.data}
            dataKey="day"
            series={chart.series}
            type="stacked"
            withLegend
            tickLine="y"
          />
          <Text component="figcaption" id="spend-caption" size="sm" c="dimmed" mt="xs">
            {total.toLocaleString()} credits on {jobs.toLocaleString()} jobs in the last {DAYS} days.
          </Text>
        </figure>
      )}
    </Section>
  );
}
