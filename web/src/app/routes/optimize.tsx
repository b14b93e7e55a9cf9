import { useSearchParams } from "react-router";

import { Page } from "@/components/ui/page";
import { OptimizeStudio } from "@/features/optimize/components/optimize-studio";

export default function OptimizeRoute() {
  const [search] = useSearchParams();
  return (
    <Page
      title="Social optimizer"
      intro="Fit one image to every platform format you pick: exact size, accepted file type, within byte limits, with what each platform's UI covers drawn on it."
    >
      <OptimizeStudio initialAsset={search.get("asset")} />
    </Page>
  );
}
