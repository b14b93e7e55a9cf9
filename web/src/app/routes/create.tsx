import { Page } from "@/components/ui/page";
import { CreateStudio } from "@/features/create/components/create-studio";

export default function CreateRoute() {
  return (
    <Page
      title="Create"
      intro="Images from a prompt: pick a template, style and quality, see the price before you generate, and take any result on to another studio."
    >
      <CreateStudio />
    </Page>
  );
}
