import { Select, SimpleGrid, Stack } from "@mantine/core";
import { useState } from "react";

import type { Schemas } from "@/lib/api-client";
import type { JobCreate } from "@/lib/api/create-job";
import type { JobRun } from "@/lib/use-job-run";

import { SubmitBar } from "./submit-bar";

type Choice = Pick<Schemas["ImageTo3DParams"], "model" | "texture_resolution" | "remesh" | "output_format">;

const MODELS: { value: Choice["model"]; label: string }[] = [
  { value: "stable-fast-3d", label: "Stable Fast 3D" },
  { value: "stable-point-aware-3d", label: "Stable Point Aware 3D" },
];
const FORMATS: { value: Choice["output_format"]; label: string }[] = [
  { value: "glb", label: "GLB (binary glTF)" },
  { value: "obj", label: "OBJ (and a GLB to preview)" },
];

function modelJob(imageId: string, choice: Choice): JobCreate {
  return {
    kind: "transform.image_to_3d",
    params: { ...choice, asset_id: imageId, foreground_ratio: null, seed: null, provider: "auto" },
  };
}

/** `transform.image_to_3d`: a textured model of the image's subject. */
export function ModelForm({ imageId, run }: { imageId: string | null; run: JobRun }) {
  const [choice, setChoice] = useState<Choice>({
    model: "stable-fast-3d",
    texture_resolution: "1024",
    remesh: "none",
    output_format: "glb",
  });
  const set = (change: Partial<Choice>) => {
    setChoice((current) => ({ ...current, ...change }));
  };
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <Select
          label="Model"
          data={MODELS}
          value={choice.model}
          allowDeselect={false}
          onChange={(model) => {
            if (model) set({ model: model });
          }}
        />
        <Select
          label="Texture resolution"
          data={["512", "1024", "2048"]}
          value={choice.texture_resolution}
          allowDeselect={false}
          onChange={(texture) => {
            if (texture) set({ texture_resolution: texture });
          }}
        />
        <Select
          label="Remesh"
          data={["none", "triangle", "quad"]}
          value={choice.remesh}
          allowDeselect={false}
          onChange={(remesh) => {
            if (remesh) set({ remesh: remesh });
          }}
        />
        <Select
          label="File format"
          data={FORMATS}
          value={choice.output_format}
          allowDeselect={false}
          onChange={(format) => {
            if (format) set({ output_format: format });
          }}
        />
      </SimpleGrid>
      <SubmitBar job={imageId ? modelJob(imageId, choice) : null} run={run} label="Make the 3D model" />
    </Stack>
  );
}
