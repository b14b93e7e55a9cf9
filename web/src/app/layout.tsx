import { AppShell, Burger, Button, Group, NavLink, ScrollArea, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { NavLink as RouterLink, Outlet, useNavigate } from "react-router";

import { useAccount } from "@/lib/api/get-account";
import { forgetKey } from "@/lib/auth";

const STUDIOS = [
  { to: "/create", label: "Create" },
  { to: "/edit", label: "Edit" },
  { to: "/upscale", label: "Upscale" },
  { to: "/control", label: "Control" },
  { to: "/transform", label: "Transform" },
  { to: "/optimize", label: "Social optimizer" },
  { to: "/batches", label: "Batches" },
  { to: "/library", label: "Library" },
  { to: "/jobs", label: "Jobs" },
  { to: "/account", label: "Account" },
];

function Balance() {
  const account = useAccount();
  if (!account.data) return null;
  return (
    <Text size="sm" data-testid="balance" visibleFrom="xs">
      {account.data.plan.name} · {account.data.balance} credits
    </Text>
  );
}

/** The shell every page shares: header (plan, balance, sign out), studio navigation, content. */
export function Layout() {
  const [opened, { toggle, close }] = useDisclosure();
  const navigate = useNavigate();
  const signOut = () => {
    forgetKey();
    void navigate("/sign-in");
  };
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Text fw={700}>Image Studio</Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Balance />
            <Button variant="subtle" size="xs" onClick={signOut}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Studios">
        <ScrollArea>
          {STUDIOS.map((studio) => (
            <NavLink key={studio.to} component={RouterLink} to={studio.to} label={studio.label} onClick={close} />
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
