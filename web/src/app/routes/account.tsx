import { Page } from "@/components/ui/page";
import { AccountSummary } from "@/features/account/components/account-summary";
import { ApiKeys } from "@/features/account/components/api-keys";
import { LedgerTable } from "@/features/account/components/ledger-table";
import { OffPeakWindowSection } from "@/features/account/components/off-peak-window";
import { RateLimits } from "@/features/account/components/rate-limits";
import { SpendChart } from "@/features/account/components/spend-chart";
import { Webhooks } from "@/features/account/components/webhooks";

export default function AccountRoute() {
  return (
    <Page title="Account" intro="Your plan and credits, where they went, the keys and webhooks that reach the API, and when off-peak batches run.">
      <AccountSummary />
      <SpendChart />
      <LedgerTable />
      <RateLimits />
      <OffPeakWindowSection />
      <ApiKeys />
      <Webhooks />
    </Page>
  );
}
