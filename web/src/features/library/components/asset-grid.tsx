import {
  Box,
  Button,
  Card,
  Center,
  Checkbox,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  UnstyledButton,
} from "@mantine/core";
import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";
import { type DragEvent, type ReactNode, memo, useCallback, useEffect, useRef } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import type { Asset } from "@/lib/api/upload-file";
import { formatBytes } from "@/lib/format";

import type { ResultsPage } from "../api/search-assets";
import type { Selection } from "../hooks/use-selection";
import { assetName } from "../asset-name";
import { AssetThumbnail } from "./asset-thumbnail";

interface AssetCardProps {
  asset: Asset;
  onOpen: (id: string) => void;
  selected?: boolean;
  onSelect?: (id: string) => void;
  /** What else the card offers (restore, move, remove…), under its facts. */
  children?: ReactNode;
}

export const AssetCard = memo(function AssetCard({ asset, onOpen, selected, onSelect, children }: AssetCardProps) {
  const name = assetName(asset);
  return (
    <Card
      withBorder
      padding={0}
      data-testid="asset-card"
      data-asset-id={asset.id}
      data-selected={selected ? "true" : undefined}
      style={selected ? { outline: "3px solid var(--mantine-color-violet-6)" } : undefined}
    >
      <Box pos="relative">
        <UnstyledButton
          onClick={() => {
            onOpen(asset.id);
          }}
          aria-label={`Open ${asset.id}`}
          w="100%"
        >
          <AssetThumbnail asset={asset} height={160} />
          <Stack gap={0} p="xs">
            <Text size="sm" fw={500} ff={name === asset.kind ? "monospace" : undefined} truncate>
              {asset.favorite ? "★ " : ""}
              {name}
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {asset.width && asset.height ? `${asset.width}×${asset.height} · ` : ""}
              {asset.format} · {formatBytes(asset.bytes)}
              {asset.rating ? ` · ${asset.rating}/5` : ""}
            </Text>
          </Stack>
        </UnstyledButton>
        {onSelect && (
          <Checkbox
            pos="absolute"
            top={8}
            left={8}
            size="md"
            checked={selected ?? false}
            onChange={() => {
              onSelect(asset.id);
            }}
            aria-label={`Select ${asset.id}`}
            styles={{ input: { boxShadow: "0 0 0 2px white" } }}
          />
        )}
      </Box>
      {children && (
        <Group gap={4} p="xs" pt={0} wrap="wrap">
          {children}
        </Group>
      )}
    </Card>
  );
});

/** A callback ref: `onVisible` runs whenever that element scrolls into view. */
function useSentinel(onVisible: () => void) {
  const latest = useRef(onVisible);
  useEffect(() => {
    latest.current = onVisible;
  });
  return useCallback((element: HTMLDivElement | null) => {
    if (!element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) latest.current();
      },
      { rootMargin: "200px" },
    );
    observer.observe(element);
    return () => {
      observer.disconnect();
    };
  }, []);
}

function countText(shown: number, total: number | null, more: boolean, empty: string): string {
  if (shown === 0) return empty;
  const noun = (count: number) => `${count.toLocaleString()} asset${count === 1 ? "" : "s"}`;
  if (total !== null) return total > shown ? `${noun(total)} · ${shown} shown` : noun(total);
  return `${noun(shown)} shown${more ? ", more below" : ""}`;
}

export type Results = UseInfiniteQueryResult<InfiniteData<ResultsPage>>;

interface AssetGridProps {
  results: Results;
  onOpen: (id: string) => void;
  selection?: Selection;
  empty?: string;
  /** Extra actions on each card. */
  actions?: (asset: Asset, index: number, items: Asset[]) => ReactNode;
  label?: string;
  /** Dragging one card onto another moves it before that one (a collection's order). */
  onDropBefore?: (draggedId: string, beforeId: string) => void;
}

const DRAGGED = "application/x-studio-asset";

function dragProps(assetId: string, onDropBefore?: (draggedId: string, beforeId: string) => void) {
  if (!onDropBefore) return {};
  return {
    draggable: true,
    onDragStart: (event: DragEvent<HTMLDivElement>) => {
      event.dataTransfer.setData(DRAGGED, assetId);
      event.dataTransfer.effectAllowed = "move";
    },
    onDragOver: (event: DragEvent<HTMLDivElement>) => {
      if (event.dataTransfer.types.includes(DRAGGED)) event.preventDefault();
    },
    onDrop: (event: DragEvent<HTMLDivElement>) => {
      const dragged = event.dataTransfer.getData(DRAGGED);
      event.preventDefault();
      if (dragged && dragged !== assetId) onDropBefore(dragged, assetId);
    },
  };
}

/** Results a page at a time: the next page loads as the end scrolls into view. */
export function AssetGrid({
  results,
  onOpen,
  selection,
  empty = "No assets match.",
  actions,
  label = "Assets",
  onDropBefore,
}: AssetGridProps) {
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = results;
  const loadMore = () => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  };
  const sentinel = useSentinel(loadMore);
  if (results.isPending) {
    return (
      <Center h={200}>
        <Loader role="status" aria-label="loading assets" />
      </Center>
    );
  }
  if (!results.data) return <ApiErrorAlert error={results.error} title="The assets could not be listed" />;
  const items = results.data.pages.flatMap((page) => page.items);
  const total = results.data.pages[0]?.total ?? null;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" data-testid="asset-count" aria-live="polite">
        {countText(items.length, total, hasNextPage, empty)}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 4, xl: 6 }} spacing="sm" aria-label={label} role="list">
        {items.map((asset, index) => (
          <div role="listitem" key={asset.id} {...dragProps(asset.id, onDropBefore)}>
            <AssetCard asset={asset} onOpen={onOpen} selected={selection?.has(asset.id)} onSelect={selection?.toggle}>
              {actions?.(asset, index, items)}
            </AssetCard>
          </div>
        ))}
      </SimpleGrid>
      <div ref={sentinel} aria-hidden />
      <ApiErrorAlert error={results.error} title="The next page could not be listed" />
      {hasNextPage && (
        <Group justify="center">
          <Button variant="light" onClick={loadMore} loading={isFetchingNextPage}>
            Load more
          </Button>
        </Group>
      )}
    </Stack>
  );
}
