import { DuplicateGroups } from "@/features/library/components/duplicates/duplicate-groups";
import { LibraryView } from "@/features/library/components/library-view";

export default function LibraryDuplicatesRoute() {
  return (
    <LibraryView
      title="Duplicates"
      intro="Near-identical images (re-encoded, resized or lightly edited copies): keep one of each, trash the rest."
    >
      {(openAsset) => <DuplicateGroups onOpen={openAsset} />}
    </LibraryView>
  );
}
