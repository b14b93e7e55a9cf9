import { Page } from "@/components/ui/page";
import { AssetDetail } from "@/features/library/components/asset-detail";
import { AssetGrid } from "@/features/library/components/asset-grid";
import { LibraryFilters } from "@/features/library/components/library-filters";
import { useLibraryParams } from "@/features/library/hooks/use-library-params";

export default function LibraryRoute() {
  const params = useLibraryParams();
  return (
    <Page
      title="Library"
      intro="Every asset your jobs made and you uploaded, newest first: open one for its details, versions and download."
    >
      <LibraryFilters params={params} />
      <AssetGrid filters={params.filters} onOpen={params.openAsset} />
      <AssetDetail
        assetId={params.assetId}
        onOpen={params.openAsset}
        onShowDerived={(assetId) => {
          params.setFilter("source_asset_id", assetId);
        }}
      />
    </Page>
  );
}
