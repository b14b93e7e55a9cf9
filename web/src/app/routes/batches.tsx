import { useSearchParams } from "react-router";

import { Page } from "@/components/ui/page";
import { BatchProgress } from "@/features/batches/components/batch-progress";
import { CampaignUpload } from "@/features/batches/components/campaign-upload";
import { RecentBatches } from "@/features/batches/components/recent-batches";

export default function BatchesRoute() {
  const [search, setSearch] = useSearchParams();
  const batchId = search.get("batch");
  const open = (id: string) => {
    setSearch({ batch: id });
  };
  return (
    <Page
      title="Batches"
      intro="Run a campaign from a CSV or JSONL file: a dry run prices it and lists every row that would be refused before anything is created; then follow it live to its archive."
    >
      <CampaignUpload
        onSubmitted={(batch) => {
          open(batch.id);
        }}
      />
      {batchId && <BatchProgress key={batchId} batchId={batchId} />}
      <RecentBatches openId={batchId} onOpen={open} />
    </Page>
  );
}
