import { Button, Card, Center, Group, Loader, SimpleGrid, Stack, Text, UnstyledButton } from "@mantine/core";
import { memo, useCallback, useEffect, useRef } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { type AssetFilters, useAssets } from "@/lib/api/list-assets";
import type { Asset } from "@/lib/api/upload-file";
import { formatBytes } from "@/lib/format";

import { AssetThumbnail } from "./asset-thumbnail";

const AssetCard = memo(function AssetCard({ asset, onOpen }: { asset: Asset; onOpen: (id: string) => void }) {
  return (
    <Card withBorder padding={0} data-testid="asset-card" data-asset-id={asset.id}>
      <UnstyledButton
        onClick={() => {
          onOpen(asset.id);
        }}
        aria-label={`Open ${asset.id}`}
      >
        <AssetThumbnail asset={asset} height={160} />
        <Stack gap={0} p="xs">
          <Text size="sm" fw={500} ff="monospace" truncate>
            {asset.kind}
          </Text>
          <Text size="xs" c="dimmed">
            {asset.width && asset.height ? `${asset.width}×${asset.height} · ` : ""}
            {asset.format} · {formatBytes(asset.bytes)}
          </Text>
        </Stack>
      </UnstyledButton>
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

function shownText(count: number, more: boolean): string {
  if (count === 0) return "No assets match these filters.";
  return `${count} asset${count === 1 ? "" : "s"} shown${more ? ", more below" : ""}`;
}

/** The library's assets, newest first; the next page loads as the end scrolls into view. */
export function AssetGrid({ filters, onOpen }: { filters: AssetFilters; onOpen: (id: string) => void }) {
  const assets = useAssets(filters);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = assets;
  const loadMore = () => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  };
  const sentinel = useSentinel(loadMore);
  if (assets.isPending) {
    return (
      <Center h={200}>
        <Loader aria-label="loading assets" />
      </Center>
    );
  }
  if (!assets.data) return <ApiErrorAlert error={assets.error} title="The library could not be listed" />;
  const items = assets.data.pages.flatMap((page) => page.items);
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" data-testid="asset-count" aria-live="polite">
        {shownText(items.length, hasNextPage)}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 4, xl: 6 }} spacing="sm">
        {items.map((asset) => (
          <AssetCard key={asset.id} asset={asset} onOpen={onOpen} />
        ))}
      </SimpleGrid>
      <div ref={sentinel} aria-hidden />
      <ApiErrorAlert error={assets.error} title="The next page could not be listed" />
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
