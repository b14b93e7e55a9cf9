import { Page } from "@/components/ui/page";
import { JobEstimate } from "@/features/create/components/job-estimate";
import { EditStudio } from "@/features/edit/components/edit-studio";

export default function EditRoute() {
  return (
    <Page
      title="Edit"
      intro="Erase, repaint, extend, recolour or re-background an image; every edit is a new version you can go back to."
    >
      <EditStudio renderEstimate={(job) => <JobEstimate job={job} emptyHint="Pick an image to see the estimate." />} />
    </Page>
  );
}
