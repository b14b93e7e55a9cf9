import { Button, Group, Loader, Text } from "@mantine/core";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";

import { type RateLimit, useRateLimit } from "../api/get-rate-limit";
import { Section } from "./section";

function describeLimit(limit: RateLimit): string {
  const perSecond = limit.quota / limit.windowS;
  return (
    `Bursts of up to ${limit.quota.toLocaleString()} requests, refilled at ` +
    `${perSecond.toLocaleString()} a second (empty to full in ${limit.windowS} s).`
  );
}

/** The plan's request rate, read from the `RateLimit-Policy` and `RateLimit` headers. */
export function RateLimits() {
  const limit = useRateLimit();
  return (
    <Section
      id="account-rate-limits"
      title="Rate limit"
      intro={
        "As the API states it on every answer, in the RateLimit-Policy and RateLimit headers " +
        "(read from GET /v1/billing/account). Past it, calls answer 429 with Retry-After."
      }
    >
      {limit.isPending && <Loader size="sm" aria-label="loading the rate limit" />}
      <ApiErrorAlert error={limit.error} title="The rate limit could not be read" />
      {limit.data === null && <Text size="sm">The API sent no rate-limit headers.</Text>}
      {limit.data && (
        <Group justify="space-between" wrap="wrap">
          <div>
            <Text size="sm" data-testid="rate-limit-policy">
              {describeLimit(limit.data)}
            </Text>
            {limit.data.remaining !== null && (
              <Text size="sm" c="dimmed" data-testid="rate-limit-now">
                {limit.data.remaining} left when read
                {limit.data.resetS ? `, full again in ${limit.data.resetS} s` : ""}.
              </Text>
            )}
          </div>
          <Button variant="default" size="xs" onClick={() => void limit.refetch()} loading={limit.isFetching}>
            Read again
          </Button>
        </Group>
      )}
    </Section>
  );
}
