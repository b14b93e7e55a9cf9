import { Stack } from "@mantine/core";
import { useEffect } from "react";

import { asFilter, useLibraryResults } from "../api/search-assets";
import type { LibraryParams } from "../hooks/use-library-params";
import { useSelection } from "../hooks/use-selection";
import { AssetGrid } from "./asset-grid";
import { BulkBar } from "./bulk/bulk-bar";

/** The search's results, picked for bulk actions; a new search starts a new selection. */
export function LibrarySearch({ params }: { params: LibraryParams }) {
  const { query, listing, openAsset } = params;
  const results = useLibraryResults(query, listing);
  const selection = useSelection();
  const { clear } = selection;
  const key = JSON.stringify(listing ?? query);
  useEffect(() => {
    clear();
  }, [key, clear]);
  const items = results.data?.pages.flatMap((page) => page.items) ?? [];
  const total = results.data?.pages[0]?.total ?? null;
  const filter = listing || query.q ? null : asFilter(query);
  return (
    <Stack gap="sm">
      <BulkBar selection={selection} shown={items.map((item) => item.id)} filter={filter} total={total} />
      <AssetGrid
        results={results}
        onOpen={openAsset}
        selection={selection}
        empty={query.q ? "Nothing matches these words and filters." : "No assets match these filters."}
        label="Library assets"
      />
    </Stack>
  );
}
