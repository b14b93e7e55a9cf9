import { CollectionList } from "@/features/library/components/collections/collection-list";
import { LibraryView } from "@/features/library/components/library-view";

export default function LibraryCollectionsRoute() {
  return (
    <LibraryView
      title="Collections"
      intro="Projects and campaigns: named, ordered groups of assets to share, download and cost up."
    >
      {() => <CollectionList />}
    </LibraryView>
  );
}
