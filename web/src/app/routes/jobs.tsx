import { Page } from "@/components/ui/page";
import { JobBoard } from "@/features/jobs/components/job-board";

export default function JobsRoute() {
  return (
    <Page
      title="Jobs"
      intro="Every job of your account as it happens: its state, the providers it tried, what it cost and why it failed."
    >
      <JobBoard />
    </Page>
  );
}
