/**
 * The library's filters and open asset live in the address (`?kind=generate&asset=ast_…`), so a
 * view can be bookmarked, shared, and reached from the other studios.
 */
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";

import type { AssetFilters } from "@/lib/api/list-assets";

export type AssetRole = NonNullable<AssetFilters["role"]>;
export type TextFilter = "kind" | "preset" | "platform" | "job_id" | "batch_id" | "source_asset_id";
export type FilterName = TextFilter | "role";

const TEXT_FILTERS: readonly TextFilter[] = ["kind", "preset", "platform", "job_id", "batch_id", "source_asset_id"];
export const ROLES: readonly AssetRole[] = ["output", "safe_zone_preview", "poster"];

function isRole(value: string | null): value is AssetRole {
  return ROLES.some((role) => role === value);
}

export interface LibraryParams {
  filters: AssetFilters;
  assetId: string | null;
  /** Set or clear one filter (closing any open asset, to show the list it makes). */
  setFilter: (name: FilterName, value: string | null) => void;
  clearFilters: () => void;
  openAsset: (assetId: string | null) => void;
}

export function useLibraryParams(): LibraryParams {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const found: AssetFilters = {};
    for (const name of TEXT_FILTERS) {
      const value = params.get(name);
      if (value) found[name] = value;
    }
    const role = params.get("role");
    if (isRole(role)) found.role = role;
    return found;
  }, [params]);

  const update = useCallback(
    (change: (next: URLSearchParams) => void) => {
      // from the address itself: two quick changes in a row would both start from the render's
      // (not yet updated) params, and the second would undo the first
      const next = new URLSearchParams(window.location.search);
      change(next);
      setParams(next);
    },
    [setParams],
  );
  const setFilter = useCallback(
    (name: FilterName, value: string | null) => {
      update((next) => {
        if (value) next.set(name, value);
        else next.delete(name);
        next.delete("asset");
      });
    },
    [update],
  );
  const clearFilters = useCallback(() => {
    update((next) => {
      for (const name of [...TEXT_FILTERS, "role"]) next.delete(name);
    });
  }, [update]);
  const openAsset = useCallback(
    (assetId: string | null) => {
      update((next) => {
        if (assetId) next.set("asset", assetId);
        else next.delete("asset");
      });
    },
    [update],
  );
  return { filters, assetId: params.get("asset"), setFilter, clearFilters, openAsset };
}
