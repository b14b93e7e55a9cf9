import { Button, Card, Group, SimpleGrid, Stack } from "@mantine/core";
import { useState } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { AssetImage } from "@/components/ui/asset-image";
import { AssetPicker } from "@/components/ui/asset-picker";
import { CostChip } from "@/components/ui/cost-chip";
import { JobStatus } from "@/components/ui/job-status";
import type { JobCreate } from "@/lib/api/create-job";
import { useEstimate } from "@/lib/api/estimate-jobs";
import { useJobRun } from "@/lib/use-job-run";

import { DEFAULT_CHOICE, type OptimizeChoice, OptimizeOptions } from "./optimize-options";
import { OutputGrid } from "./output-grid";
import { PlatformPicker } from "./platform-picker";

function optimizeJob(assetId: string, presets: string[], choice: OptimizeChoice): JobCreate {
  return {
    kind: "optimize.social",
    params: {
      ...choice,
      asset_id: assetId,
      presets,
      focal_point: null,
      background: "blur",
      brand_kit: null,
      max_bytes: null,
      copyright: null,
      author: null,
    },
  };
}

/** One image fitted to every picked platform format, checked, and downloadable one by one or as a zip. */
export function OptimizeStudio({ initialAsset }: { initialAsset: string | null }) {
  const [assetId, setAssetId] = useState(initialAsset);
  const [presets, setPresets] = useState<string[]>([]);
  const [choice, setChoice] = useState<OptimizeChoice>(DEFAULT_CHOICE);
  const run = useJobRun();
  const job = assetId && presets.length > 0 ? optimizeJob(assetId, presets, choice) : null;
  const estimate = useEstimate(job);
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: assetId ? 2 : 1 }}>
        <AssetPicker label="Image to optimize" value={assetId} onChange={setAssetId} />
        {assetId && <AssetImage assetId={assetId} alt="The image to optimize" height={180} />}
      </SimpleGrid>
      <Card withBorder>
        <Stack gap="md">
          <PlatformPicker picked={presets} onChange={setPresets} />
          <OptimizeOptions
            value={choice}
            onChange={(change) => {
              setChoice((current) => ({ ...current, ...change }));
            }}
          />
          <Group gap="sm">
            <Button
              disabled={job === null}
              loading={run.submitting}
              onClick={() => {
                if (job) void run.submit(job);
              }}
            >
              Optimize for {presets.length} format{presets.length === 1 ? "" : "s"}
            </Button>
            {estimate.data && (
              <CostChip
                credits={estimate.data.credits}
                priceUsd={estimate.data.price_usd}
                expectedSeconds={estimate.data.expected_seconds}
              />
            )}
          </Group>
          <ApiErrorAlert error={run.error ?? estimate.error} />
        </Stack>
      </Card>
      {run.job && <JobStatus job={run.job} />}
      {run.job?.status === "completed" && <OutputGrid key={run.job.id} job={run.job} />}
    </Stack>
  );
}
