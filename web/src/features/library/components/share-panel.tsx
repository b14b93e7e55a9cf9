import {
  Badge,
  Button,
  Checkbox,
  CopyButton,
  Group,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from "@mantine/core";
import { type SubmitEvent, useId, useState } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { formatTime } from "@/lib/format";

import { type ShareCreated, useCreateShare } from "../api/create-share";
import { type Share, useShares } from "../api/list-shares";
import { useRevokeShare } from "../api/revoke-share";

export type ShareTarget = { asset_id: string } | { collection_id: string };

const EXPIRIES = [
  { value: "0", label: "Never" },
  { value: "1", label: "In a day" },
  { value: "7", label: "In a week" },
  { value: "30", label: "In 30 days" },
];

/** The console's page for a link: it shows the image to whoever holds it, without a key. */
export function viewerUrl(token: string): string {
  return `${window.location.origin}/console/shared/${encodeURIComponent(token)}`;
}

function Copyable({ label, value, multiline = false }: { label: string; value: string; multiline?: boolean }) {
  const field = multiline ? (
    <Textarea
      label={label}
      value={value}
      readOnly
      autosize
      minRows={3}
      maxRows={8}
      styles={{ input: { fontFamily: "monospace", fontSize: 12 } }}
    />
  ) : (
    <TextInput
      label={label}
      value={value}
      readOnly
      style={{ flex: 1 }}
      styles={{ input: { fontFamily: "monospace" } }}
    />
  );
  return (
    <Stack gap={4}>
      {field}
      <Group gap="xs">
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button size="compact-sm" variant={copied ? "filled" : "light"} onClick={copy}>
              {copied ? "Copied" : `Copy ${label.toLowerCase()}`}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

function Created({ share }: { share: ShareCreated }) {
  const url = viewerUrl(share.token);
  return (
    <Paper withBorder p="sm" data-testid="share-created">
      <Stack gap="xs">
        <Text size="sm" fw={500}>
          Link made: copy it now, it is shown this once.
        </Text>
        <Copyable label="Link" value={url} />
        <Group gap="xs">
          <Button component="a" href={url} target="_blank" rel="noreferrer" size="compact-sm" variant="subtle">
            Open the link
          </Button>
        </Group>
        {share.embed ? (
          <Copyable label="Embed code" value={share.embed} multiline />
        ) : (
          <Text size="xs" c="dimmed">
            No embed code for a link with a password or to a collection.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function ShareRow({ share }: { share: Share }) {
  const revoke = useRevokeShare();
  const [now] = useState(Date.now);
  const expired = share.expires_at !== null && new Date(share.expires_at).getTime() < now;
  return (
    <Paper withBorder px="xs" py={6} role="listitem" data-testid="share-link">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={2}>
          <Group gap={6}>
            <Text size="sm" ff="monospace">
              {share.token_prefix}…
            </Text>
            {share.has_password && (
              <Badge size="xs" variant="light">
                password
              </Badge>
            )}
            {!share.allow_download && (
              <Badge size="xs" variant="light" color="gray">
                view only
              </Badge>
            )}
            {expired && (
              <Badge size="xs" variant="light" color="red">
                expired
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {share.views} views · {share.downloads} downloads ·{" "}
            {share.expires_at ? `expires ${formatTime(share.expires_at)}` : "never expires"}
          </Text>
        </Stack>
        <Button
          size="compact-xs"
          color="red"
          variant="light"
          loading={revoke.isPending}
          onClick={() => {
            revoke.mutate(share.id);
          }}
          aria-label={`Revoke link ${share.token_prefix}`}
        >
          Revoke
        </Button>
      </Group>
      <ApiErrorAlert error={revoke.error} title="The link could not be revoked" />
    </Paper>
  );
}

function isOf(share: Share, target: ShareTarget): boolean {
  return "asset_id" in target ? share.asset_id === target.asset_id : share.collection_id === target.collection_id;
}

/** Share links to an asset or a collection: expiry, password, view only; copy link and embed. */
export function SharePanel({ target }: { target: ShareTarget }) {
  const [days, setDays] = useState("0");
  const [password, setPassword] = useState("");
  const [download, setDownload] = useState(true);
  const titleId = useId();
  const create = useCreateShare();
  const shares = useShares();
  const mine = (shares.data ?? []).filter((share) => isOf(share, target));
  const short = password.length > 0 && password.length < 8;
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (short) return;
    const expires = Number(days) ? new Date(Date.now() + Number(days) * 86_400_000).toISOString() : null;
    create.mutate(
      { ...target, expires_at: expires, password: password || null, allow_download: download },
      {
        onSuccess: () => {
          setPassword("");
        },
      },
    );
  };
  return (
    <Stack gap="xs" component="section" aria-labelledby={titleId}>
      <Title order={3} size="h5" id={titleId}>
        Share
      </Title>
      <form onSubmit={submit}>
        <Stack gap="xs">
          <Group gap="xs" align="flex-start" wrap="wrap">
            <Select
              label="Expires"
              data={EXPIRIES}
              value={days}
              onChange={(value) => {
                setDays(value ?? "0");
              }}
              allowDeselect={false}
              w={140}
            />
            <PasswordInput
              label="Password (optional)"
              value={password}
              onChange={(event) => {
                setPassword(event.currentTarget.value);
              }}
              error={short ? "At least 8 characters" : null}
              autoComplete="new-password"
              style={{ flex: "1 1 180px" }}
            />
          </Group>
          <Checkbox
            label="Allow download (off: view only)"
            checked={download}
            onChange={(event) => {
              setDownload(event.currentTarget.checked);
            }}
          />
          <Group>
            <Button type="submit" variant="light" loading={create.isPending}>
              Create share link
            </Button>
          </Group>
        </Stack>
      </form>
      <ApiErrorAlert error={create.error} title="The link could not be made" />
      {create.data && isOf(create.data, target) && <Created share={create.data} />}
      {mine.length > 0 && (
        <Stack gap={4} role="list" aria-label="Links made">
          {mine.map((share) => (
            <ShareRow key={share.id} share={share} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
