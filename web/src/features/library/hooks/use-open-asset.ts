import { useCallback } from "react";
import { useNavigate, useSearchParams } from "react-router";

/** The asset open in a view's drawer (`?asset=`), and where "what was made from it" leads. */
export function useOpenAsset() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const openAsset = useCallback(
    (assetId: string | null) => {
      const next = new URLSearchParams(window.location.search);
      if (assetId) next.set("asset", assetId);
      else next.delete("asset");
      setParams(next);
    },
    [setParams],
  );
  const showDerived = useCallback(
    (assetId: string) => {
      void navigate(`/library?source_asset_id=${encodeURIComponent(assetId)}`);
    },
    [navigate],
  );
  return { assetId: params.get("asset"), openAsset, showDerived };
}
