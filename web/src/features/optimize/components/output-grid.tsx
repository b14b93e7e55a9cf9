import { Alert, Button, Group, List, Loader, SimpleGrid, Stack, Switch, Text } from "@mantine/core";
import { useEffect, useState } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import type { Job } from "@/lib/api/create-job";
import { usePlatforms } from "@/lib/api/list-catalog";
import { useAssets } from "@/lib/api/list-assets";
import type { Asset } from "@/lib/api/upload-file";
import { formatBytes } from "@/lib/format";

import { useDownloadJobArchive } from "../api/download-job-archive";
import { OutputCard } from "./output-card";

function Failures({ job }: { job: Job }) {
  const failures = job.failures ?? [];
  if (failures.length === 0) return null;
  return (
    <Alert color="orange" title="Formats that could not be made" role="alert">
      <List size="sm">
        {failures.map((failure) => (
          <List.Item key={failure.preset}>
            <Text span ff="monospace" size="sm">
              {failure.preset}
            </Text>{" "}
            ({failure.code}): {failure.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** Every version a completed `optimize.social` job made (all pages of them), with downloads one by one or all as a zip. */
export function OutputGrid({ job }: { job: Job }) {
  const [showSafeZone, setShowSafeZone] = useState(true);
  const assets = useAssets({ job_id: job.id, role: "output" }, 100);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = assets;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const platforms = usePlatforms();
  const archive = useDownloadJobArchive();
  const catalog = platforms.data?.items ?? [];
  const presets = new Map(catalog.map((preset) => [preset.id, preset]));
  const order = new Map(catalog.map((preset, index) => [preset.id, index]));
  const rank = (asset: Asset) => (order.get(asset.preset ?? "") ?? catalog.length) * 10 + (asset.variation ?? 0);
  const outputs = (assets.data?.pages.flatMap((page) => page.items) ?? []).sort((a, b) => rank(a) - rank(b));
  const total = outputs.reduce((sum, asset) => sum + asset.bytes, 0);
  if (assets.isPending) return <Loader aria-label="loading the versions" />;
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Text fw={500}>
          {outputs.length} version{outputs.length === 1 ? "" : "s"} · {formatBytes(total)}
        </Text>
        <Group gap="sm">
          <Switch
            label="Show safe zones"
            checked={showSafeZone}
            onChange={(event) => {
              setShowSafeZone(event.currentTarget.checked);
            }}
          />
          <Button
            loading={archive.isPending}
            onClick={() => {
              archive.mutate(job.id);
            }}
          >
            Download all (zip)
          </Button>
        </Group>
      </Group>
      <ApiErrorAlert error={assets.error} title="The versions could not be listed" />
      <ApiErrorAlert error={archive.error} title="The zip could not be made" />
      <Failures job={job} />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} data-testid="output-grid">
        {outputs.map((asset) => (
          <OutputCard key={asset.id} asset={asset} preset={presets.get(asset.preset ?? "")} showSafeZone={showSafeZone} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
