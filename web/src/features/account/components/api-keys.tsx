import { Badge, Button, Group, Loader, Table, Text, TextInput } from "@mantine/core";
import { type SubmitEvent, useState } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { storedKey } from "@/lib/auth";
import { formatTime } from "@/lib/format";

import { useCreateKey } from "../api/create-key";
import { type ApiKey, useKeys } from "../api/list-keys";
import { useRevokeKey } from "../api/revoke-key";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { SecretOnce } from "./secret-once";
import { Section } from "./section";

function CreateKey() {
  const [name, setName] = useState("");
  const create = useCreateKey();
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate(name.trim(), {
      onSuccess: () => {
        setName("");
      },
    });
  };
  return (
    <>
      <form onSubmit={submit} aria-label="Create an API key">
        <Group align="flex-end" gap="xs">
          <TextInput
            label="New key's name"
            description="What it is for, to recognise it in the list (e.g. CI pipeline)."
            value={name}
            onChange={(event) => {
              setName(event.currentTarget.value);
            }}
            maxLength={80}
            required
            style={{ flex: 1, minWidth: 220 }}
          />
          <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
            Create key
          </Button>
        </Group>
      </form>
      <ApiErrorAlert error={create.error} title="The key was not created" />
      {create.data && (
        <SecretOnce
          title={`New key “${create.data.name ?? create.data.prefix}”`}
          secret={create.data.key}
          what="key"
          onDone={create.reset}
        />
      )}
    </>
  );
}

function KeyRow({ apiKey }: { apiKey: ApiKey }) {
  const revoke = useRevokeKey();
  const mine = storedKey()?.startsWith(apiKey.prefix) ?? false;
  return (
    <Table.Tr data-testid="key-row" data-prefix={apiKey.prefix} data-revoked={apiKey.revoked}>
      <Table.Td ff="monospace">{apiKey.prefix}…</Table.Td>
      <Table.Td>
        {apiKey.name ?? <Text span c="dimmed" size="sm">made by an operator</Text>}
        {mine && <Badge ml="xs" size="xs" variant="outline">this console</Badge>}
      </Table.Td>
      <Table.Td>{formatTime(apiKey.created_at)}</Table.Td>
      <Table.Td>
        <Badge color={apiKey.revoked ? "gray" : "green"} variant="dot">
          {apiKey.revoked ? "revoked" : "active"}
        </Badge>
      </Table.Td>
      <Table.Td>
        {!apiKey.revoked && (
          <ConfirmButton
            action="Revoke"
            label={`Revoke ${apiKey.prefix}`}
            title={`Revoke ${apiKey.prefix}…?`}
            onConfirm={() => {
              revoke.mutate(apiKey.prefix);
            }}
            loading={revoke.isPending}
          >
            Every call with this key is refused from now on, and its event streams end.
            {mine && " It is the key this console signed in with: you will have to sign in again."}
          </ConfirmButton>
        )}
        <ApiErrorAlert error={revoke.error} title="The key was not revoked" />
      </Table.Td>
    </Table.Tr>
  );
}

/** The tenant's own keys: create a named one (shown once), list by prefix, revoke. */
export function ApiKeys() {
  const keys = useKeys();
  return (
    <Section
      id="account-keys"
      title="API keys"
      intro="Keys sign calls to the API (Authorization: Bearer isk_…). Give each program its own, and revoke one that leaked."
    >
      <CreateKey />
      {keys.isPending && <Loader size="sm" aria-label="loading the keys" />}
      <ApiErrorAlert error={keys.error} title="The keys could not be listed" />
      {keys.data && (
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label="API keys" data-testid="keys">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Prefix</Table.Th>
                <Table.Th>Name</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Revoke</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.data.items.map((apiKey) => (
                <KeyRow key={apiKey.prefix} apiKey={apiKey} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
