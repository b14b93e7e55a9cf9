import { Select, SimpleGrid } from "@mantine/core";

import type { Schemas } from "@/lib/api-client";

export type SpeechLanguage = Schemas["ImageToVideoParams"]["tts_language"];
export type SpeechVoice = Schemas["ImageToVideoParams"]["tts_voice"];

/** The languages the platform's voice speaks (`contracts/speech.py`), by name. */
const LANGUAGES: { value: SpeechLanguage; label: string }[] = [
  { value: "en", label: "English" },
  { value: "en-us", label: "English (US)" },
  { value: "en-gb", label: "English (UK)" },
  { value: "fr", label: "French" },
  { value: "de", label: "German" },
  { value: "es", label: "Spanish" },
  { value: "es-419", label: "Spanish (Latin America)" },
  { value: "it", label: "Italian" },
  { value: "pt", label: "Portuguese" },
  { value: "pt-br", label: "Portuguese (Brazil)" },
  { value: "nl", label: "Dutch" },
  { value: "pl", label: "Polish" },
  { value: "sv", label: "Swedish" },
  { value: "da", label: "Danish" },
  { value: "nb", label: "Norwegian" },
  { value: "fi", label: "Finnish" },
  { value: "cs", label: "Czech" },
  { value: "ru", label: "Russian" },
  { value: "uk", label: "Ukrainian" },
  { value: "tr", label: "Turkish" },
  { value: "el", label: "Greek" },
  { value: "hi", label: "Hindi" },
  { value: "ar", label: "Arabic" },
  { value: "id", label: "Indonesian" },
  { value: "vi", label: "Vietnamese" },
  { value: "cmn", label: "Mandarin Chinese" },
];

const VOICES: { value: SpeechVoice; label: string }[] = [
  { value: "f1", label: "Female 1" },
  { value: "f2", label: "Female 2" },
  { value: "f3", label: "Female 3" },
  { value: "m1", label: "Male 1" },
  { value: "m2", label: "Male 2" },
  { value: "m3", label: "Male 3" },
];

interface VoicePickerProps {
  language: SpeechLanguage;
  voice: SpeechVoice;
  onChange: (change: { language?: SpeechLanguage; voice?: SpeechVoice }) => void;
}

/** The language and voice text is spoken in. */
export function VoicePicker({ language, voice, onChange }: VoicePickerProps) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <Select
        label="Language"
        searchable
        allowDeselect={false}
        data={LANGUAGES}
        value={language}
        onChange={(value) => {
          const found = LANGUAGES.find((option) => option.value === value);
          if (found) onChange({ language: found.value });
        }}
      />
      <Select
        label="Voice"
        allowDeselect={false}
        data={VOICES}
        value={voice}
        onChange={(value) => {
          const found = VOICES.find((option) => option.value === value);
          if (found) onChange({ voice: found.value });
        }}
      />
    </SimpleGrid>
  );
}
