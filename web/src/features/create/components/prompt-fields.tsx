import { Stack, Textarea } from "@mantine/core";

import { type FieldsProps, paramError } from "../hooks/use-generate-form";

/** What to draw and what to keep out of it. */
export function PromptFields({ form, update, error }: FieldsProps) {
  return (
    <Stack gap="sm">
      <Textarea
        label="Prompt"
        description="What to draw. The template, style and brand kit add their own cues."
        required
        autosize
        minRows={2}
        maxRows={6}
        value={form.prompt}
        error={paramError(error, "prompt")}
        onChange={(event) => {
          update({ prompt: event.currentTarget.value });
        }}
      />
      <Textarea
        label="Negative prompt"
        description="What to keep out of the image (optional)."
        autosize
        minRows={1}
        maxRows={4}
        value={form.negativePrompt}
        error={paramError(error, "negative_prompt")}
        onChange={(event) => {
          update({ negativePrompt: event.currentTarget.value });
        }}
      />
    </Stack>
  );
}
