import { Page } from "@/components/ui/page";

export default function EditRoute() {
  return <Page title="Edit" intro="Being built.">{null}</Page>;
}
