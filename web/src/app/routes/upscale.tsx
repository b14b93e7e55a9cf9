import { Page } from "@/components/ui/page";

export default function UpscaleRoute() {
  return <Page title="Upscale" intro="Being built.">{null}</Page>;
}
