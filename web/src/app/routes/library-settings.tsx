import { LibraryView } from "@/features/library/components/library-view";
import { LibrarySettingsForm } from "@/features/library/components/settings/library-settings-form";

export default function LibrarySettingsRoute() {
  return (
    <LibraryView
      title="Library settings"
      intro="How long the trash keeps deleted assets, and rules that clean up old ones."
    >
      {() => <LibrarySettingsForm />}
    </LibraryView>
  );
}
