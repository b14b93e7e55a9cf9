import { Page } from "@/components/ui/page";
import { JobEstimate } from "@/features/create/components/job-estimate";
import { ResultActions } from "@/features/create/components/result-actions";
import { UpscaleStudio } from "@/features/upscale/components/upscale-studio";

export default function UpscaleRoute() {
  return (
    <Page title="Upscale" intro="More pixels for an image: fast, conservative or creative, then compare before and after.">
      <UpscaleStudio
        renderEstimate={(job) => <JobEstimate job={job} emptyHint="Pick an image to see the estimate." />}
        renderActions={(assetId) => <ResultActions assetId={assetId} name="the upscaled image" />}
      />
    </Page>
  );
}
