import { Alert, List, Text } from "@mantine/core";

import { isApiError, remedy } from "@/lib/api-error";

/** An API refusal where the user acted: its message, what to do, the fields, the request id. */
export function ApiErrorAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  if (!isApiError(error)) {
    return (
      <Alert color="red" role="alert" title={title ?? "Something went wrong"}>
        {error instanceof Error ? error.message : "The request did not complete."}
      </Alert>
    );
  }
  const hint = remedy(error);
  return (
    <Alert
      color={error.status === 402 || error.status === 429 ? "orange" : "red"}
      role="alert"
      title={title ?? `${error.status} ${error.code}`}
      data-testid="api-error"
      data-code={error.code}
    >
      <Text size="sm">{error.message}</Text>
      {error.details.length > 0 && (
        <List size="sm" mt="xs">
          {error.details.map((detail) => (
            <List.Item key={`${detail.loc}:${detail.type}`}>
              <Text span ff="monospace" size="sm">
                {detail.loc}
              </Text>
              : {detail.message}
            </List.Item>
          ))}
        </List>
      )}
      {hint && (
        <Text size="sm" mt="xs" fw={500}>
          {hint}
        </Text>
      )}
      {error.requestId && (
        <Text size="xs" c="dimmed" mt="xs">
          Request id {error.requestId} (quote it to support)
        </Text>
      )}
    </Alert>
  );
}
