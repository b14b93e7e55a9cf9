import { ColorSwatch, Group, Stack, Table, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

import type { Asset } from "@/lib/api/upload-file";

function yesNo(value: boolean | null | undefined, yes: string, no: string): string | null {
  if (value === null || value === undefined) return null;
  return value ? yes : no;
}

function Swatches({ asset }: { asset: Asset }) {
  const colours = asset.dominant_colors ?? [];
  const names = asset.color_names ?? [];
  return (
    <Group gap="xs" wrap="wrap" role="list" aria-label="Dominant colours" data-testid="dominant-colours">
      {colours.map((hex, index) => {
        const name = names[index];
        return (
          <Group key={hex} gap={4} role="listitem" wrap="nowrap" data-colour={hex}>
            <ColorSwatch color={hex} size={22} aria-hidden />
            <Text size="xs">
              {name ? `${name} ` : ""}
              <Text span ff="monospace" size="xs">
                {hex}
              </Text>
            </Text>
          </Group>
        );
      })}
    </Group>
  );
}

/** What the library measured of the image: colours, perceptual hash, colour space, content. */
export function ImageFacts({ asset }: { asset: Asset }) {
  const rows: [string, ReactNode][] = (
    [
      ["Colours", (asset.dominant_colors ?? []).length ? <Swatches asset={asset} /> : null],
      ["Colour space", asset.color_space],
      [
        "Perceptual hash",
        asset.phash && (
          <Text span ff="monospace" size="sm">
            {asset.phash}
          </Text>
        ),
      ],
      ["Orientation", asset.orientation],
      ["Faces", yesNo(asset.has_faces, "Has faces", "No faces")],
      ["Text", yesNo(asset.has_text, "Has text", "No text")],
    ] as [string, ReactNode][]
  ).filter(([, value]) => value !== null && value !== undefined && value !== "");
  return (
    <Stack gap="xs" component="section" aria-labelledby="image-facts-title">
      <Title order={3} size="h5" id="image-facts-title">
        Image analysis
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          Not measured yet (images are analysed shortly after they are made).
        </Text>
      ) : (
        <Table variant="vertical" layout="fixed" withTableBorder data-testid="image-facts">
          <Table.Tbody>
            {rows.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th w={130}>{label}</Table.Th>
                <Table.Td>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
