import { Page } from "@/components/ui/page";

export default function AccountRoute() {
  return <Page title="Account" intro="Being built.">{null}</Page>;
}
