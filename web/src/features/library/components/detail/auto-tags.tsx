import { Badge, Group, Stack, Text, Title } from "@mantine/core";

import type { Asset } from "@/lib/api/upload-file";

const SOURCES: Record<string, string> = {
  prompt: "from the prompt",
  generation: "from how it was made",
  image: "from the image",
  vision: "from the vision model",
  manual: "by hand",
};
const COLOURS: Record<string, string> = {
  prompt: "blue",
  generation: "gray",
  image: "teal",
  vision: "indigo",
  manual: "violet",
};

/** The tags the library gave the asset on ingest, each with where it came from, and its caption. */
export function AutoTags({ asset }: { asset: Asset }) {
  const tags = asset.auto_tags ?? [];
  return (
    <Stack gap="xs" component="section" aria-labelledby="auto-tags-title">
      <Title order={3} size="h5" id="auto-tags-title">
        Automatic tags
      </Title>
      {tags.length === 0 && (
        <Text size="sm" c="dimmed">
          None yet: they are added as the library analyses the asset.
        </Text>
      )}
      <Group gap={6} wrap="wrap" role="list" aria-label="Automatic tags" data-testid="auto-tags">
        {tags.map((tag) => (
          <Badge
            key={`${tag.source}:${tag.tag}`}
            role="listitem"
            variant="light"
            color={COLOURS[tag.source] ?? "gray"}
            tt="none"
            title={SOURCES[tag.source] ?? tag.source}
            data-source={tag.source}
          >
            {tag.tag} · {tag.source}
          </Badge>
        ))}
      </Group>
      {asset.caption && (
        <Text size="sm">
          <Text span fw={500}>
            Caption
          </Text>{" "}
          ({asset.caption_source ?? "vision"}): {asset.caption}
        </Text>
      )}
    </Stack>
  );
}
