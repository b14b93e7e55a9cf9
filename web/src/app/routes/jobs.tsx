import { Page } from "@/components/ui/page";

export default function JobsRoute() {
  return <Page title="Jobs" intro="Being built.">{null}</Page>;
}
