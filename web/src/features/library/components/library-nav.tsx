import { Button, Group } from "@mantine/core";
import { NavLink } from "react-router";

const VIEWS = [
  { to: "/library", label: "Assets", end: true },
  { to: "/library/collections", label: "Collections", end: false },
  { to: "/library/duplicates", label: "Duplicates", end: true },
  { to: "/library/trash", label: "Trash", end: true },
  { to: "/library/exports", label: "Exports", end: true },
  { to: "/library/settings", label: "Settings", end: true },
];

/** The library's views: its assets, collections, duplicates, trash and settings. */
export function LibraryNav() {
  return (
    <Group gap={4} component="nav" aria-label="Library views" wrap="wrap">
      {VIEWS.map((view) => (
        <NavLink key={view.to} to={view.to} end={view.end} style={{ textDecoration: "none" }}>
          {({ isActive }) => (
            <Button component="span" size="compact-sm" variant={isActive ? "filled" : "subtle"}>
              {view.label}
            </Button>
          )}
        </NavLink>
      ))}
    </Group>
  );
}
