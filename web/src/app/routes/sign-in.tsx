import { Anchor, Button, Code, Container, List, Paper, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { useState, type SubmitEvent } from "react";
import { useNavigate } from "react-router";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { api, unwrap } from "@/lib/api-client";
import { ApiError } from "@/lib/api-error";
import { forgetKey, looksLikeKey, storeKey } from "@/lib/auth";

/** Sign in with a tenant API key; the key is checked against the API before it is kept. */
export function SignInRoute() {
  const navigate = useNavigate();
  const [key, setKey] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [checking, setChecking] = useState(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setError(null);
    if (!looksLikeKey(key)) {
      setError(new ApiError(400, { error: { code: "invalid_key_format", message: "An API key starts with isk_ followed by at least 20 letters, digits, - or _." } }));
      return;
    }
    setChecking(true);
    storeKey(key.trim());
    try {
      await unwrap(api.GET("/v1/billing/account"));
      void navigate("/create", { replace: true });
    } catch (caught) {
      forgetKey();
      setError(caught);
    } finally {
      setChecking(false);
    }
  };

  return (
    <Container size={520} py={48} component="main">
      <Title order={1} size="h2" mb="xs">
        Sign in to Image Studio
      </Title>
      <Text c="dimmed" mb="lg">
        The console works with your agency&apos;s API key, the same key your integrations use.
      </Text>
      <Paper withBorder p="lg" component="form" onSubmit={(event) => void submit(event)}>
        <Stack>
          <PasswordInput
            label="API key"
            description="Starts with isk_. Kept in this browser tab only, until you sign out or close it."
            value={key}
            onChange={(event) => {
              setKey(event.currentTarget.value);
            }}
            autoComplete="off"
            required
          />
          <ApiErrorAlert error={error} title="Sign-in refused" />
          <Button type="submit" loading={checking}>
            Sign in
          </Button>
        </Stack>
      </Paper>
      <Stack gap={4} mt="lg">
        <Text fw={500}>Where keys come from</Text>
        <List size="sm" spacing={4}>
          <List.Item>
            A colleague who is signed in creates one on the <Anchor href="/console/account">Account</Anchor> page
            (API keys); it is shown once.
          </List.Item>
          <List.Item>
            Your platform operator issues keys with the admin API (<Code>POST /v1/admin/tenants/&#123;id&#125;/keys</Code>).
          </List.Item>
          <List.Item>
            On a local stack, <Code>make up</Code> writes a development key to <Code>.studio/dev-api-key</Code>.
          </List.Item>
        </List>
      </Stack>
    </Container>
  );
}
