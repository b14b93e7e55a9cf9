import { Page } from "@/components/ui/page";
import { ControlStudio } from "@/features/control/components/control-studio";
import { JobEstimate } from "@/features/create/components/job-estimate";
import { ResultActions } from "@/features/create/components/result-actions";

export default function ControlRoute() {
  return (
    <Page
      title="Control"
      intro="A new image that follows a control image: turn a sketch into a picture, keep a layout, or take on a style."
    >
      <ControlStudio
        renderEstimate={(job) => <JobEstimate job={job} emptyHint="Write a prompt to see the estimate." />}
        renderActions={(assetId) => <ResultActions assetId={assetId} name="the result" />}
      />
    </Page>
  );
}
