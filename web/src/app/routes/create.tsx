import { Page } from "@/components/ui/page";

export default function CreateRoute() {
  return <Page title="Create" intro="Being built.">{null}</Page>;
}
