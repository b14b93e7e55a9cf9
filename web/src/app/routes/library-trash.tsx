import { LibraryView } from "@/features/library/components/library-view";
import { TrashView } from "@/features/library/components/trash/trash-view";

export default function LibraryTrashRoute() {
  return (
    <LibraryView title="Trash" intro="Deleted assets, restorable until they are purged.">
      {(openAsset) => <TrashView onOpen={openAsset} />}
    </LibraryView>
  );
}
