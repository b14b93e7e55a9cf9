import { Button, FileButton, Group, SimpleGrid, Stack, Text, UnstyledButton } from "@mantine/core";

import { useAssets } from "@/lib/api/list-assets";
import { useUploadFile } from "@/lib/api/upload-file";

import { ApiErrorAlert } from "./api-error-alert";
import { AssetImage } from "./asset-image";

interface AssetPickerProps {
  label: string;
  value: string | null;
  onChange: (assetId: string) => void;
  /** MIME types the upload button offers. */
  accept?: string;
  /** Only offer recent assets of this kind filter (`upload`, `generate`…). */
  showRecent?: boolean;
}

/** Choose the image to work on: upload one, or pick one of the library's newest. */
export function AssetPicker({ label, value, onChange, accept = "image/*", showRecent = true }: AssetPickerProps) {
  const upload = useUploadFile();
  const recent = useAssets({ role: "output" }, 8);
  const items = recent.data?.pages[0]?.items.filter((a) => a.content_type.startsWith("image/")) ?? [];
  const onFile = (file: File | null) => {
    if (!file) return;
    upload.mutate(
      { file, filename: file.name },
      {
        onSuccess: (asset) => {
          onChange(asset.id);
        },
      },
    );
  };
  return (
    <Stack gap="xs" role="group" aria-label={label}>
      <Group justify="space-between">
        <Text fw={500}>{label}</Text>
        <FileButton onChange={onFile} accept={accept}>
          {(props) => (
            <Button {...props} variant="light" loading={upload.isPending}>
              Upload a file
            </Button>
          )}
        </FileButton>
      </Group>
      <ApiErrorAlert error={upload.error} title="Upload refused" />
      {value && (
        <Text size="sm" ff="monospace" data-testid="picked-asset">
          {value}
        </Text>
      )}
      {showRecent && items.length > 0 && (
        <SimpleGrid cols={{ base: 4, sm: 8 }} spacing={6}>
          {items.map((asset) => (
            <UnstyledButton
              key={asset.id}
              onClick={() => {
                onChange(asset.id);
              }}
              aria-label={`Use ${asset.id}`}
              aria-pressed={asset.id === value}
              style={{ outline: asset.id === value ? "3px solid var(--mantine-color-violet-6)" : undefined }}
            >
              <AssetImage assetId={asset.id} alt="" height={64} fit="cover" />
            </UnstyledButton>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
