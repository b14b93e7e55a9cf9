import { Card, SegmentedControl, SimpleGrid, Stack, Text } from "@mantine/core";
import { useState } from "react";

import { AssetImage } from "@/components/ui/asset-image";
import { AssetPicker } from "@/components/ui/asset-picker";
import { JobStatus } from "@/components/ui/job-status";
import { useJobRun } from "@/lib/use-job-run";

import { AvatarForm } from "./avatar-form";
import { ModelForm } from "./model-form";
import { TransformResult } from "./transform-result";
import { VideoForm } from "./video-form";

type Mode = "video" | "avatar" | "model";

const MODES: { value: Mode; label: string }[] = [
  { value: "video", label: "Video" },
  { value: "avatar", label: "Avatar" },
  { value: "model", label: "3D model" },
];

/** One image becomes a video, a talking avatar or a 3D model, followed live to its result. */
export function TransformStudio({ initialAsset }: { initialAsset: string | null }) {
  const [imageId, setImageId] = useState(initialAsset);
  const [mode, setMode] = useState<Mode>("video");
  const run = useJobRun();
  const choose = (next: Mode) => {
    setMode(next);
    run.reset();
  };
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: imageId ? 2 : 1 }}>
        <AssetPicker label="Image" value={imageId} onChange={setImageId} />
        {imageId && <AssetImage assetId={imageId} alt="The image to transform" height={180} />}
      </SimpleGrid>
      <SegmentedControl
        aria-label="What to make"
        fullWidth
        data={MODES}
        value={mode}
        onChange={(next) => {
          choose(next);
        }}
      />
      <Card withBorder>
        {mode === "video" && <VideoForm imageId={imageId} run={run} />}
        {mode === "avatar" && <AvatarForm imageId={imageId} run={run} />}
        {mode === "model" && <ModelForm imageId={imageId} run={run} />}
        {!imageId && (
          <Text size="sm" c="dimmed" mt="sm">
            Upload or pick an image first.
          </Text>
        )}
      </Card>
      {run.job && <JobStatus job={run.job} />}
      {run.job?.status === "completed" && <TransformResult key={run.job.id} job={run.job} />}
    </Stack>
  );
}
