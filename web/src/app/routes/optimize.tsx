import { Page } from "@/components/ui/page";

export default function OptimizeRoute() {
  return <Page title="Optimize" intro="Being built.">{null}</Page>;
}
