import { Page } from "@/components/ui/page";

export default function BatchesRoute() {
  return <Page title="Batches" intro="Being built.">{null}</Page>;
}
