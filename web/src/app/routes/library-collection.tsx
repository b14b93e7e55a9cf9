import { useParams } from "react-router";

import { CollectionView } from "@/features/library/components/collections/collection-view";
import { LibraryView } from "@/features/library/components/library-view";

export default function LibraryCollectionRoute() {
  const { collectionId = "" } = useParams();
  return (
    <LibraryView
      title="Collection"
      intro="Its assets in order: reorder, remove, make the cover, download it as a zip or share it."
    >
      {(openAsset) => <CollectionView key={collectionId} collectionId={collectionId} onOpen={openAsset} />}
    </LibraryView>
  );
}
