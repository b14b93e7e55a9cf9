import { Badge, Button, Group, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";

import { CostChip } from "@/components/ui/cost-chip";

import { type Recommendation, type RecommendationsRequest, useRecommendations } from "../api/recommend";

const SHOWN = 4;
const MATCHES = new Set(["renders_text", "photoreal", "native_style", "cheapest", "fastest"]);

interface RecommendationListProps {
  /** What to recommend for, or `null` while the form has no prompt. */
  request: RecommendationsRequest | null;
  /** Take a recommendation's `params` (provider, model, quality) into the form. */
  onPick: (params: Recommendation["params"]) => void;
}

/** The ranked providers and models for the prompt: why each fits, its price, time and health. */
export function RecommendationList({ request, onPick }: RecommendationListProps) {
  const [settled] = useDebouncedValue(request, 300);
  const answer = useRecommendations(settled);
  const items = (answer.data?.items ?? []).slice(0, SHOWN);
  const inferred = answer.data?.needs.inferred ?? [];
  if (!request || items.length === 0) return null;
  return (
    <Stack gap={6} component="section" aria-label="Recommended" data-testid="recommendations">
      <Text size="sm" fw={500}>
        Recommended for this prompt
      </Text>
      {inferred.map((need) => (
        <Text size="xs" c="dimmed" key={need.code}>
          {need.detail}
        </Text>
      ))}
      {items.map((item) => (
        <RecommendationLine key={`${item.provider}/${item.model}`} item={item} onPick={onPick} />
      ))}
    </Stack>
  );
}

function RecommendationLine({ item, onPick }: { item: Recommendation; onPick: RecommendationListProps["onPick"] }) {
  const name = `${item.provider} · ${item.model}`;
  const strengths = item.reasons.filter((reason) => MATCHES.has(reason.code));
  return (
    <Stack gap={2} data-testid="recommendation">
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={500}>
          {item.rank}. {name}
        </Text>
        <CostChip
          credits={item.credits}
          priceUsd={item.price_usd}
          expectedSeconds={item.expected_seconds}
          label="recommendation"
        />
        {strengths.map((reason) => (
          <Badge key={reason.code} size="sm" variant="light" color="teal" tt="none">
            {reason.code.replace("_", " ")}
          </Badge>
        ))}
        {!item.availability.available && (
          <Badge size="sm" variant="light" color="red" tt="none">
            unavailable
          </Badge>
        )}
        <Button
          size="compact-xs"
          variant="default"
          aria-label={`Pick ${name}`}
          disabled={!item.availability.available}
          onClick={() => {
            onPick(item.params);
          }}
        >
          Pick
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {item.summary}
      </Text>
    </Stack>
  );
}
