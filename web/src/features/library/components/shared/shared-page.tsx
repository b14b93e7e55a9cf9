import {
  Alert,
  Anchor,
  Button,
  Center,
  Container,
  Group,
  Image,
  Loader,
  PasswordInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { type SubmitEvent, useState } from "react";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { isApiError } from "@/lib/api-error";
import { formatBytes } from "@/lib/format";

import { type SharedAsset, type SharedView, useShared, useUnlockShared, withAccess } from "../../api/get-shared";

/** A link the API made, as a path on this origin (the console is served with the API). */
function local(url: string, access: string | null): string {
  const parsed = new URL(url, window.location.origin);
  return withAccess(`${parsed.pathname}${parsed.search}`, access);
}

function AssetShown({ asset, access, large }: { asset: SharedAsset; access: string | null; large: boolean }) {
  const name = asset.title ?? asset.id;
  const isImage = asset.content_type.startsWith("image/");
  return (
    <Stack gap="xs" data-testid="shared-asset" data-asset-id={asset.id}>
      {isImage ? (
        <Image
          src={local(asset.links.content, access)}
          alt={asset.description ?? name}
          h={large ? 480 : 180}
          fit="contain"
          data-testid="shared-image"
        />
      ) : (
        <Text size="sm">
          A {asset.format} file ({formatBytes(asset.bytes)}).
        </Text>
      )}
      <Group justify="space-between" wrap="wrap">
        <Stack gap={0}>
          <Text fw={600}>{name}</Text>
          <Text size="xs" c="dimmed">
            {asset.width && asset.height ? `${asset.width}×${asset.height} · ` : ""}
            {asset.format} · {formatBytes(asset.bytes)}
          </Text>
        </Stack>
        {asset.links.download && (
          <Button
            component="a"
            href={local(asset.links.download, access)}
            size="xs"
            variant="light"
            aria-label={`Download ${name}`}
          >
            Download
          </Button>
        )}
      </Group>
      {large && asset.description && <Text size="sm">{asset.description}</Text>}
    </Stack>
  );
}

function Renditions({ asset, access }: { asset: SharedAsset; access: string | null }) {
  if (!asset.renditions?.length) return null;
  return (
    <Stack gap="xs">
      <Title order={2} size="h5">
        Platform formats
      </Title>
      <Table withTableBorder>
        <Table.Tbody>
          {asset.renditions.map((rendition) => (
            <Table.Tr key={rendition.id}>
              <Table.Td>{rendition.preset ?? rendition.platform ?? rendition.id}</Table.Td>
              <Table.Td>
                {rendition.width}×{rendition.height} · {rendition.format} · {formatBytes(rendition.bytes)}
              </Table.Td>
              <Table.Td>
                <Anchor href={local(rendition.links.content, access)} target="_blank" rel="noreferrer" size="sm">
                  View
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function Shown({ view, access }: { view: SharedView; access: string | null }) {
  if (view.asset) {
    return (
      <Stack gap="md">
        <AssetShown asset={view.asset} access={access} large />
        <Renditions asset={view.asset} access={access} />
        {!view.allow_download && (
          <Text size="sm" c="dimmed">
            View only: this link does not allow downloads.
          </Text>
        )}
      </Stack>
    );
  }
  const collection = view.collection;
  if (!collection) return null;
  return (
    <Stack gap="md">
      <div>
        <Title order={2} size="h3">
          {collection.name}
        </Title>
        {collection.description && <Text>{collection.description}</Text>}
      </div>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
        {collection.items.map((item) => (
          <AssetShown key={item.id} asset={item} access={access} large={false} />
        ))}
      </SimpleGrid>
      {collection.next && (
        <Text size="sm" c="dimmed">
          The first {collection.items.length} assets are shown.
        </Text>
      )}
    </Stack>
  );
}

function Unlock({ token, onAccess }: { token: string; onAccess: (access: string) => void }) {
  const [password, setPassword] = useState("");
  const unlock = useUnlockShared();
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    unlock.mutate(
      { token, password },
      {
        onSuccess: (grant) => {
          onAccess(grant.access);
        },
      },
    );
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm" maw={360}>
        <Text>This link has a password.</Text>
        <PasswordInput
          label="Password"
          value={password}
          onChange={(event) => {
            setPassword(event.currentTarget.value);
          }}
          required
          autoComplete="current-password"
        />
        <Group>
          <Button type="submit" loading={unlock.isPending}>
            Open
          </Button>
        </Group>
        <ApiErrorAlert error={unlock.error} title="That did not open it" />
      </Stack>
    </form>
  );
}

function refusal(error: unknown): string | null {
  if (!isApiError(error)) return null;
  if (error.code === "share_expired") return "This link has expired: ask whoever sent it for a new one.";
  if (error.status === 404) return "There is no such link, or it was revoked.";
  return null;
}

/** What a share link shows, to anyone holding it: no API key, nothing else of the tenant. */
export function SharedPage({ token }: { token: string }) {
  const [access, setAccess] = useState<string | null>(null);
  const shared = useShared(token, access);
  const locked = isApiError(shared.error) && shared.error.code === "share_password_required";
  const refused = refusal(shared.error);
  return (
    <Container size="md" py="xl">
      <Stack gap="lg" component="main" aria-labelledby="shared-title">
        <Title order={1} size="h2" id="shared-title">
          Shared with you
        </Title>
        {shared.isPending && (
          <Center h={200}>
            <Loader role="status" aria-label="opening the link" />
          </Center>
        )}
        {locked && <Unlock token={token} onAccess={setAccess} />}
        {refused && (
          <Alert color="orange" role="alert" title="This link does not open">
            {refused}
          </Alert>
        )}
        {shared.error !== null && !locked && !refused && (
          <ApiErrorAlert error={shared.error} title="The link could not be opened" />
        )}
        {shared.data && <Shown view={shared.data} access={access} />}
      </Stack>
    </Container>
  );
}
