/**
 * The library's search, filters, sort and open asset live in the address
 * (`?q=beach&favorite=true&asset=ast_…`), so a view can be bookmarked, shared, and reached from
 * the other studios.
 */
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";

import type { AssetFilters } from "@/lib/api/list-assets";

import type { SearchQuery, SearchSort } from "../api/search-assets";

export type AssetRole = NonNullable<AssetFilters["role"]>;
export const ROLES: readonly AssetRole[] = ["output", "safe_zone_preview", "poster"];

/** Every single-valued parameter the page keeps in the address (tags repeat). */
export const PARAMS = [
  "q",
  "mode",
  "sort",
  "kind",
  "provider",
  "format",
  "quality",
  "platform",
  "preset",
  "job_id",
  "batch_id",
  "collection_id",
  "source_asset_id",
  "role",
  "favorite",
  "min_rating",
  "used",
  "min_bytes",
  "max_bytes",
  "created_after",
  "created_before",
] as const;
export type ParamName = (typeof PARAMS)[number];
export type ParamValues = Partial<Record<ParamName, string>>;
/** Parameters to set (a value) or clear (null or empty). */
export type ParamChange = Partial<Record<ParamName, string | null | undefined>>;

/** What only `GET /v1/assets` filters by: with one of them the page lists instead of searching. */
export const LIST_ONLY: readonly ParamName[] = ["source_asset_id", "role"];
const LIST_FILTERS = ["kind", "preset", "platform", "job_id", "batch_id", "source_asset_id"] as const;

export const SORTS: readonly { value: SearchSort; label: string }[] = [
  { value: "relevance", label: "Best match" },
  { value: "newest", label: "Newest" },
  { value: "oldest", label: "Oldest" },
  { value: "most_used", label: "Most used" },
  { value: "least_used", label: "Least used" },
  { value: "rating", label: "Rating" },
  { value: "cost", label: "Cost" },
  { value: "bytes", label: "File size" },
  { value: "position", label: "Collection order" },
];

function isRole(value: string | undefined): value is AssetRole {
  return ROLES.some((role) => role === value);
}

function isSort(value: string | undefined): value is SearchSort {
  return SORTS.some((sort) => sort.value === value);
}

function whole(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

function flag(value: string | undefined): boolean | undefined {
  if (value === "true") return true;
  if (value === "false") return false;
  return undefined;
}

/** A day (`2026-07-14`, the user's own calendar) as the instant it starts, or `days` later. */
function dayStart(day: string | undefined, days = 0): string | undefined {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const start = new Date(`${day}T00:00:00`);
  start.setDate(start.getDate() + days);
  return Number.isNaN(start.getTime()) ? undefined : start.toISOString();
}

/** The address's values as the search's query (`GET /v1/assets/search`). */
export function searchQuery(values: ParamValues, tags: readonly string[]): SearchQuery {
  const q = values.q?.trim() ?? "";
  const needs = { relevance: Boolean(q), position: Boolean(values.collection_id) } as Partial<
    Record<SearchSort, boolean>
  >;
  const sort = isSort(values.sort) && needs[values.sort] !== false ? values.sort : undefined;
  const list = (name: ParamName) => (values[name] ? [values[name]] : undefined);
  const query: SearchQuery = {
    q: q || undefined,
    mode: q && values.mode === "semantic" ? "semantic" : undefined,
    sort,
    kind: list("kind"),
    provider: list("provider"),
    format: list("format"),
    quality: list("quality"),
    platform: list("platform"),
    preset: list("preset"),
    job_id: values.job_id,
    batch_id: values.batch_id,
    collection_id: values.collection_id,
    tags: tags.length ? [...tags] : undefined,
    favorite: flag(values.favorite),
    min_rating: whole(values.min_rating),
    used: flag(values.used),
    min_bytes: whole(values.min_bytes),
    max_bytes: whole(values.max_bytes),
    created_after: dayStart(values.created_after),
    created_before: dayStart(values.created_before, 1),
  };
  return Object.fromEntries(
    Object.entries(query as Record<string, unknown>).filter(([, value]) => value !== undefined),
  );
}

/** The values `GET /v1/assets` takes, for what the search cannot find (role, made from). */
export function listFilters(values: ParamValues): AssetFilters {
  const found: AssetFilters = {};
  for (const name of LIST_FILTERS) {
    const value = values[name];
    if (value) found[name] = value;
  }
  if (isRole(values.role)) found.role = values.role;
  return found;
}

export interface LibraryParams {
  values: ParamValues;
  tags: string[];
  /** `GET /v1/assets` filters, when a filter only the listing has is set; else null. */
  listing: AssetFilters | null;
  query: SearchQuery;
  assetId: string | null;
  /** Set or clear parameters (closing any open asset, to show the list they make). */
  setParams: (change: ParamChange) => void;
  setTags: (tags: string[]) => void;
  clearFilters: () => void;
  openAsset: (assetId: string | null) => void;
}

export function useLibraryParams(): LibraryParams {
  const [params, setSearchParams] = useSearchParams();
  const values = useMemo(() => {
    const found: ParamValues = {};
    for (const name of PARAMS) {
      const value = params.get(name);
      if (value) found[name] = value;
    }
    return found;
  }, [params]);
  const tags = useMemo(() => params.getAll("tag"), [params]);
  const query = useMemo(() => searchQuery(values, tags), [values, tags]);
  const listing = useMemo(() => (LIST_ONLY.some((name) => values[name]) ? listFilters(values) : null), [values]);

  const update = useCallback(
    (change: (next: URLSearchParams) => void) => {
      // from the address itself: two quick changes in a row would both start from the render's
      // (not yet updated) params, and the second would undo the first
      const next = new URLSearchParams(window.location.search);
      change(next);
      setSearchParams(next);
    },
    [setSearchParams],
  );
  const setParams = useCallback(
    (change: ParamChange) => {
      update((next) => {
        for (const [name, value] of Object.entries(change)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        next.delete("asset");
      });
    },
    [update],
  );
  const setTags = useCallback(
    (wanted: string[]) => {
      update((next) => {
        next.delete("tag");
        for (const tag of wanted) next.append("tag", tag);
        next.delete("asset");
      });
    },
    [update],
  );
  const clearFilters = useCallback(() => {
    update((next) => {
      for (const name of PARAMS) if (name !== "q" && name !== "mode" && name !== "sort") next.delete(name);
      next.delete("tag");
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
  return {
    values,
    tags,
    listing,
    query,
    assetId: params.get("asset"),
    setParams,
    setTags,
    clearFilters,
    openAsset,
  };
}
