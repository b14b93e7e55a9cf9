import { Page } from "@/components/ui/page";

export default function TransformRoute() {
  return <Page title="Transform" intro="Being built.">{null}</Page>;
}
