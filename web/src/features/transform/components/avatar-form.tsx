import { NumberInput, Select, SimpleGrid, Stack } from "@mantine/core";
import { useState } from "react";

import type { Schemas } from "@/lib/api-client";
import type { JobCreate } from "@/lib/api/create-job";
import type { JobRun } from "@/lib/use-job-run";

import { NO_SPEECH, type Speech, SpeechInput, speechParams, speechReady } from "./speech-input";
import { SubmitBar } from "./submit-bar";

type Choice = Pick<Schemas["AvatarParams"], "resolution" | "duration_s" | "emotion">;

const EMOTIONS: Choice["emotion"][] = ["neutral", "happy", "professional", "excited"];

function avatarJob(imageId: string, choice: Choice, speech: Speech): JobCreate {
  return {
    kind: "transform.avatar",
    params: { ...choice, image_asset_id: imageId, ...speechParams(speech), seed: null, provider: "auto" },
  };
}

/** `transform.avatar`: a portrait that speaks the uploaded audio (or a text). */
export function AvatarForm({ imageId, run }: { imageId: string | null; run: JobRun }) {
  const [choice, setChoice] = useState<Choice>({ resolution: "480p", duration_s: 5, emotion: "neutral" });
  const [speech, setSpeech] = useState<Speech>({ ...NO_SPEECH, source: "upload" });
  const set = (change: Partial<Choice>) => {
    setChoice((current) => ({ ...current, ...change }));
  };
  const job = imageId && speech.source !== "none" && speechReady(speech) ? avatarJob(imageId, choice, speech) : null;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label="Resolution"
          data={["480p", "720p"]}
          value={choice.resolution}
          allowDeselect={false}
          onChange={(resolution) => {
            if (resolution) set({ resolution: resolution });
          }}
        />
        <NumberInput
          label="Duration (seconds)"
          description="At least the speech's length"
          min={5}
          max={120}
          clampBehavior="strict"
          allowDecimal={false}
          value={choice.duration_s}
          onChange={(value) => {
            if (typeof value === "number") set({ duration_s: value });
          }}
        />
        <Select
          label="Emotion"
          data={EMOTIONS}
          value={choice.emotion}
          allowDeselect={false}
          onChange={(emotion) => {
            if (emotion) set({ emotion: emotion });
          }}
        />
      </SimpleGrid>
      <SpeechInput
        value={speech}
        onChange={setSpeech}
        optional={false}
        hint="The portrait speaks this: a WAV or MP3 of up to 120 s, no longer than the duration."
      />
      <SubmitBar job={job} run={run} label="Make the avatar" />
    </Stack>
  );
}
