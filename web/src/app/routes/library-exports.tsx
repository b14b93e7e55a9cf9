import { LibraryView } from "@/features/library/components/library-view";
import { ExportHistory } from "@/features/library/components/settings/export-history";

export default function LibraryExportsRoute() {
  return (
    <LibraryView
      title="Exports"
      intro="Every archive downloaded (job, batch or collection zip): what it held, when, and by which key."
    >
      {() => <ExportHistory />}
    </LibraryView>
  );
}
