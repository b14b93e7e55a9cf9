import { Page } from "@/components/ui/page";

export default function LibraryRoute() {
  return <Page title="Library" intro="Being built.">{null}</Page>;
}
