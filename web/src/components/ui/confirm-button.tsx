import { Button, type ButtonProps, Group, Modal, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { ReactNode } from "react";

interface ConfirmButtonProps extends Pick<ButtonProps, "size" | "variant" | "loading" | "disabled"> {
  /** The button's text, and the confirming button's. */
  action: string;
  /** Names what it acts on, for the button's accessible name. */
  label?: string;
  title: string;
  children: ReactNode;
  onConfirm: () => void;
}

/** A destructive action that asks first, in a dialog. */
export function ConfirmButton({
  action,
  label,
  title,
  children,
  onConfirm,
  size = "xs",
  variant = "light",
  ...button
}: ConfirmButtonProps) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button size={size} color="red" variant={variant} onClick={open} aria-label={label} {...button}>
        {action}
      </Button>
      <Modal opened={opened} onClose={close} title={title} closeButtonProps={{ "aria-label": "Cancel" }}>
        <Stack gap="md">
          <Text size="sm" component="div">
            {children}
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              color="red.9"
              onClick={() => {
                close();
                onConfirm();
              }}
            >
              {action}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
