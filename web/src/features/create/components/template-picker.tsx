import { Box, Center, Radio, SimpleGrid, Stack, Text } from "@mantine/core";

import { type Template, useTemplates } from "@/lib/api/list-catalog";

interface TemplatePickerProps {
  value: string | null;
  onChange: (templateId: string | null) => void;
}

const NONE = "";
const FRAME = 56;

/**
 * Templates carry no sample image, so each thumbnail is drawn: a frame of the template's shape
 * with its aspect ratio and style named, not a picture it would make.
 */
export function TemplatePicker({ value, onChange }: TemplatePickerProps) {
  const templates = useTemplates();
  return (
    <Radio.Group
      label="Template"
      description="Size, style and prompt scaffolding for a use; each thumbnail shows the template's shape."
      value={value ?? NONE}
      onChange={(id) => {
        onChange(id === NONE ? null : id);
      }}
    >
      <SimpleGrid cols={{ base: 2, sm: 4, lg: 6 }} spacing="xs" mt="xs">
        <Radio.Card value={NONE} p="xs" radius="md">
          <Stack gap={4} align="center">
            <Center h={FRAME} w={FRAME} aria-hidden>
              <Text size="xs" c="dimmed">
                free form
              </Text>
            </Center>
            <Text size="sm" fw={500} ta="center">
              No template
            </Text>
          </Stack>
        </Radio.Card>
        {templates.data?.items.map((template) => (
          <TemplateCard key={template.id} template={template} />
        ))}
      </SimpleGrid>
    </Radio.Group>
  );
}

function TemplateCard({ template }: { template: Template }) {
  const [across, down] = template.aspect_ratio.split(":").map(Number);
  const wide = (across ?? 1) >= (down ?? 1);
  const ratio = (across ?? 1) / (down ?? 1);
  return (
    <Radio.Card value={template.id} p="xs" radius="md" aria-label={`${template.name}: ${template.use}`}>
      <Stack gap={4} align="center">
        <Center h={FRAME} w={FRAME} aria-hidden>
          <Box
            w={wide ? FRAME : FRAME * ratio}
            h={wide ? FRAME / ratio : FRAME}
            bg="violet.1"
            bd="1px solid var(--mantine-color-violet-4)"
            style={{ borderRadius: 4 }}
          />
        </Center>
        <Text size="sm" fw={500} ta="center" lineClamp={2}>
          {template.name}
        </Text>
        <Text size="xs" c="dimmed" ta="center">
          {template.aspect_ratio} · {template.style}
        </Text>
      </Stack>
    </Radio.Card>
  );
}
