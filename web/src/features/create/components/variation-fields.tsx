import { NumberInput, SimpleGrid } from "@mantine/core";

import { type FieldsProps, paramError } from "../hooks/use-generate-form";

/** How many images, and the seed that fixes them. */
export function VariationFields({ form, update, error }: FieldsProps) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <NumberInput
        label="Variations"
        description="Images to make, 1 to 10."
        min={1}
        max={10}
        clampBehavior="strict"
        allowDecimal={false}
        value={form.variations}
        error={paramError(error, "variations")}
        onChange={(value) => {
          update({ variations: typeof value === "number" ? value : 1 });
        }}
      />
      <NumberInput
        label="Seed"
        description="0 to 4,294,967,294; fixes the result. Empty: a random one."
        min={0}
        allowDecimal={false}
        allowNegative={false}
        value={form.seed ?? ""}
        error={paramError(error, "seed")}
        onChange={(value) => {
          update({ seed: typeof value === "number" ? value : null });
        }}
      />
    </SimpleGrid>
  );
}
