import { useSearchParams } from "react-router";

import { Page } from "@/components/ui/page";
import { TransformStudio } from "@/features/transform/components/transform-studio";

export default function TransformRoute() {
  const [search] = useSearchParams();
  return (
    <Page
      title="Transform"
      intro="Turn an image into a short video, a talking avatar or a 3D model; the job is followed live until its result plays."
    >
      <TransformStudio initialAsset={search.get("asset")} />
    </Page>
  );
}
