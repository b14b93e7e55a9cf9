import { Loader, SegmentedControl, SimpleGrid, Stack, Text, Title, UnstyledButton } from "@mantine/core";
import { useState } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";

import { type SimilarBy, useSimilar } from "../../api/list-similar";
import { assetName } from "../../asset-name";
import { AssetThumbnail } from "../asset-thumbnail";

function score(by: SimilarBy, value: number | null | undefined): string {
  if (value === null || value === undefined) return "";
  return by === "phash" ? `${value} bits apart` : `${Math.round(value * 100)}% alike`;
}

/** More like this: the same picture (perceptual hash) or the same colours. */
export function SimilarAssets({ assetId, onOpen }: { assetId: string; onOpen: (id: string) => void }) {
  const [by, setBy] = useState<SimilarBy>("phash");
  const similar = useSimilar(assetId, by);
  const items = (similar.data?.items ?? []).filter((item) => item.id !== assetId);
  return (
    <Stack gap="xs" component="section" aria-labelledby="similar-title">
      <Title order={3} size="h5" id="similar-title">
        More like this
      </Title>
      <SegmentedControl
        size="xs"
        value={by}
        onChange={(value) => {
          setBy(value === "color" ? "color" : "phash");
        }}
        data={[
          { value: "phash", label: "Same picture" },
          { value: "color", label: "Same colours" },
        ]}
        aria-label="Alike by"
      />
      {similar.isPending && <Loader size="sm" role="status" aria-label="finding similar assets" />}
      <ApiErrorAlert error={similar.error} title="Similar assets could not be found" />
      {similar.data && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {by === "phash" ? "No near-duplicates of it." : "Nothing of its colours."}
        </Text>
      )}
      <SimpleGrid cols={{ base: 3, xs: 4 }} spacing="xs" data-testid="similar-assets">
        {items.map((item) => (
          <UnstyledButton
            key={item.id}
            onClick={() => {
              onOpen(item.id);
            }}
            aria-label={`Open similar ${item.id}`}
            data-asset-id={item.id}
          >
            <AssetThumbnail asset={item} height={72} />
            <Text size="xs" truncate>
              {assetName(item)}
            </Text>
            <Text size="xs" c="dimmed">
              {score(by, item.score)}
            </Text>
          </UnstyledButton>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
