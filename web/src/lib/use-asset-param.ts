import { useCallback } from "react";
import { useSearchParams } from "react-router";

/**
 * The image a studio works on, kept as the URL's `?asset=` (how studios hand an image to each
 * other), so a reload or a shared link keeps it.
 */
export function useAssetParam(): [string | null, (assetId: string) => void] {
  const [search, setSearch] = useSearchParams();
  const set = useCallback(
    (assetId: string) => {
      setSearch({ asset: assetId }, { replace: true });
    },
    [setSearch],
  );
  return [search.get("asset"), set];
}
