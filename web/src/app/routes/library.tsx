import { Page } from "@/components/ui/page";
import { AssetDetail } from "@/features/library/components/detail/asset-detail";
import { LibraryFilters } from "@/features/library/components/library-filters";
import { LibraryNav } from "@/features/library/components/library-nav";
import { LibrarySearch } from "@/features/library/components/library-search";
import { SearchBar } from "@/features/library/components/search-bar";
import { useLibraryParams } from "@/features/library/hooks/use-library-params";

export default function LibraryRoute() {
  const params = useLibraryParams();
  return (
    <Page
      title="Library"
      intro="Every asset your jobs made and you uploaded: search by words or meaning, filter, pick many to tag, file or trash, and open one to edit, share and see where it was used."
    >
      <LibraryNav />
      <SearchBar params={params} />
      <LibraryFilters params={params} />
      <LibrarySearch params={params} />
      <AssetDetail
        assetId={params.assetId}
        onOpen={params.openAsset}
        onShowDerived={(assetId) => {
          params.setParams({ source_asset_id: assetId });
        }}
      />
    </Page>
  );
}
