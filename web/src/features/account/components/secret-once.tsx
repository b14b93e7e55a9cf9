import { Alert, Button, Code, CopyButton, Group, Text } from "@mantine/core";

interface SecretOnceProps {
  title: string;
  secret: string;
  /** What the secret is, for the copy button's label. */
  what: string;
  onDone: () => void;
}

/** A secret the API shows only in the answer that made it: copy it now, it won't come back. */
export function SecretOnce({ title, secret, what, onDone }: SecretOnceProps) {
  return (
    <Alert color="violet" title={title} role="status" data-testid="secret-once">
      <Text size="sm" fw={500}>
        Copy it now: it won&apos;t be shown again. The platform keeps only its hash.
      </Text>
      <Code block my="xs" data-testid="secret-value" style={{ wordBreak: "break-all", whiteSpace: "pre-wrap" }}>
        {secret}
      </Code>
      <Group gap="xs">
        <CopyButton value={secret}>
          {({ copied, copy }) => (
            <Button size="xs" color={copied ? "teal.9" : "violet"} onClick={copy}>
              {copied ? "Copied" : `Copy the ${what}`}
            </Button>
          )}
        </CopyButton>
        <Button size="xs" variant="default" onClick={onDone}>
          I have saved it
        </Button>
      </Group>
    </Alert>
  );
}
