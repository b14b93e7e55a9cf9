import { Page } from "@/components/ui/page";

export default function ControlRoute() {
  return <Page title="Control" intro="Being built.">{null}</Page>;
}
