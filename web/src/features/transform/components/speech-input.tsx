import { SegmentedControl, Stack, Text, Textarea } from "@mantine/core";
import { useId } from "react";

import { AssetPicker } from "@/components/ui/asset-picker";

import { type SpeechLanguage, type SpeechVoice, VoicePicker } from "./voice-picker";

export type SpeechSource = "none" | "upload" | "text";

export interface Speech {
  source: SpeechSource;
  audioAssetId: string | null;
  text: string;
  language: SpeechLanguage;
  voice: SpeechVoice;
}

export const NO_SPEECH: Speech = { source: "none", audioAssetId: null, text: "", language: "en", voice: "f2" };

/** The job's audio params for the chosen source. */
export function speechParams(speech: Speech): {
  audio_asset_id: string | null;
  tts_text: string | null;
  tts_language: SpeechLanguage;
  tts_voice: SpeechVoice;
  tts_provider: "auto";
} {
  return {
    audio_asset_id: speech.source === "upload" ? speech.audioAssetId : null,
    tts_text: speech.source === "text" && speech.text.trim() ? speech.text.trim() : null,
    tts_language: speech.language,
    tts_voice: speech.voice,
    tts_provider: "auto",
  };
}

/** Whether the chosen source has what it needs (an uploaded file, or some text). */
export function speechReady(speech: Speech): boolean {
  if (speech.source === "upload") return speech.audioAssetId !== null;
  if (speech.source === "text") return speech.text.trim() !== "";
  return true;
}

interface SpeechInputProps {
  value: Speech;
  onChange: (speech: Speech) => void;
  /** Offer "no audio" (a video may be silent; an avatar must speak). */
  optional: boolean;
  hint: string;
}

/** Audio for a video or avatar: an uploaded WAV/MP3, or text for the platform to speak. */
export function SpeechInput({ value, onChange, optional, hint }: SpeechInputProps) {
  const labelId = useId();
  const sources: { value: SpeechSource; label: string }[] = [
    { value: "upload", label: "Audio file" },
    { value: "text", label: "Speak text" },
  ];
  if (optional) sources.unshift({ value: "none", label: "None" });
  return (
    <Stack gap="xs">
      <Text fw={500} id={labelId}>
        Audio
      </Text>
      <SegmentedControl
        aria-labelledby={labelId}
        fullWidth
        data={sources}
        value={value.source}
        onChange={(source) => {
          onChange({ ...value, source: source });
        }}
      />
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
      {value.source === "upload" && (
        <AssetPicker
          label="Audio file (WAV or MP3)"
          accept="audio/wav,audio/x-wav,audio/mpeg,.wav,.mp3"
          showRecent={false}
          value={value.audioAssetId}
          onChange={(audioAssetId) => {
            onChange({ ...value, audioAssetId });
          }}
        />
      )}
      {value.source === "text" && (
        <>
          <Textarea
            label="Text to speak"
            description="Spoken by the platform's speech provider, else its local draft voice; it must fit the duration."
            autosize
            minRows={2}
            maxLength={5000}
            value={value.text}
            onChange={(event) => {
              onChange({ ...value, text: event.currentTarget.value });
            }}
          />
          <VoicePicker
            language={value.language}
            voice={value.voice}
            onChange={(change) => {
              onChange({ ...value, ...change });
            }}
          />
        </>
      )}
    </Stack>
  );
}
