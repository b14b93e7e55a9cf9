import { NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea } from "@mantine/core";
import { useId, useState } from "react";

import type { Schemas } from "@/lib/api-client";
import type { JobCreate } from "@/lib/api/create-job";
import type { JobRun } from "@/lib/use-job-run";

import { NO_SPEECH, type Speech, SpeechInput, speechParams, speechReady } from "./speech-input";
import { SubmitBar } from "./submit-bar";

type VideoParams = Schemas["ImageToVideoParams"];

const QUALITIES: { value: VideoParams["quality"]; label: string }[] = [
  { value: "draft", label: "Draft (local pan and zoom)" },
  { value: "standard", label: "Standard (WAN 2.5)" },
  { value: "premium", label: "Premium (WAN 2.5)" },
];
const RESOLUTIONS: VideoParams["resolution"][] = ["480p", "720p", "1080p"];
const RATIOS: NonNullable<VideoParams["aspect_ratio"]>[] = ["16:9", "9:16", "1:1", "4:5", "4:3", "3:4"];
const PRESETS: { value: NonNullable<VideoParams["preset"]>; label: string }[] = [
  { value: "instagram_reel", label: "Instagram reel" },
  { value: "instagram_feed", label: "Instagram feed" },
  { value: "instagram_square", label: "Instagram square" },
  { value: "tiktok", label: "TikTok" },
  { value: "youtube", label: "YouTube" },
  { value: "youtube_shorts", label: "YouTube Shorts" },
  { value: "facebook_feed", label: "Facebook feed" },
  { value: "facebook_story", label: "Facebook story" },
  { value: "linkedin", label: "LinkedIn" },
  { value: "x", label: "X" },
];
const MOTIONS: VideoParams["motion"][] = ["subtle", "medium", "dynamic"];

type Choice = Pick<VideoParams, "quality" | "resolution" | "duration_s" | "aspect_ratio" | "preset" | "motion"> & {
  prompt: string;
};

const DEFAULTS: Choice = {
  quality: "draft",
  resolution: "720p",
  duration_s: 5,
  aspect_ratio: null,
  preset: null,
  motion: "medium",
  prompt: "",
};

function videoJob(imageId: string, choice: Choice, speech: Speech): JobCreate {
  return {
    kind: "transform.image_to_video",
    params: {
      ...choice,
      image_asset_id: imageId,
      prompt: choice.prompt.trim() || null,
      ...speechParams(speech),
      seed: null,
      provider: "auto",
    },
  };
}

/** `transform.image_to_video`: duration, resolution, shape, motion, audio. */
export function VideoForm({ imageId, run }: { imageId: string | null; run: JobRun }) {
  const [choice, setChoice] = useState<Choice>(DEFAULTS);
  const [speech, setSpeech] = useState<Speech>(NO_SPEECH);
  const motionLabel = useId();
  const set = (change: Partial<Choice>) => {
    setChoice((current) => ({ ...current, ...change }));
  };
  const job = imageId && speechReady(speech) ? videoJob(imageId, choice, speech) : null;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <Select
          label="Quality"
          description="Draft runs on the CPU: motion, not AI video"
          data={QUALITIES}
          value={choice.quality}
          allowDeselect={false}
          onChange={(quality) => {
            if (quality) set({ quality: quality });
          }}
        />
        <Select
          label="Resolution"
          data={RESOLUTIONS}
          value={choice.resolution}
          allowDeselect={false}
          onChange={(resolution) => {
            if (resolution) set({ resolution: resolution });
          }}
        />
        <NumberInput
          label="Duration (seconds)"
          min={3}
          max={10}
          clampBehavior="strict"
          allowDecimal={false}
          value={choice.duration_s}
          onChange={(value) => {
            if (typeof value === "number") set({ duration_s: value });
          }}
        />
        <Select
          label="Platform format"
          placeholder="None"
          clearable
          clearButtonProps={{ "aria-label": "Clear the platform format" }}
          data={PRESETS}
          value={choice.preset}
          onChange={(preset) => {
            set({ preset: preset });
          }}
        />
        <Select
          label="Aspect ratio"
          description={choice.preset ? "Set by the platform format" : "16:9 unless set"}
          placeholder="16:9"
          clearable
          clearButtonProps={{ "aria-label": "Clear the aspect ratio" }}
          disabled={choice.preset !== null}
          data={RATIOS}
          value={choice.aspect_ratio}
          onChange={(ratio) => {
            set({ aspect_ratio: ratio });
          }}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id={motionLabel}>
            Motion
          </Text>
          <SegmentedControl
            aria-labelledby={motionLabel}
            data={MOTIONS}
            value={choice.motion}
            onChange={(motion) => {
              set({ motion: motion });
            }}
          />
        </Stack>
      </SimpleGrid>
      {choice.quality !== "draft" && (
        <Textarea
          label="Motion prompt"
          description="What should move, for AI video."
          autosize
          minRows={2}
          value={choice.prompt}
          onChange={(event) => {
            set({ prompt: event.currentTarget.value });
          }}
        />
      )}
      <SpeechInput
        value={speech}
        onChange={setSpeech}
        optional
        hint="An uploaded WAV or MP3 of 3 to 30 s is trimmed or padded to the video."
      />
      <SubmitBar job={job} run={run} label="Make the video" />
    </Stack>
  );
}
