import { Button, Group, TextInput } from "@mantine/core";
import { type SubmitEvent, useState } from "react";

import type { FilterName } from "../hooks/use-library-params";

/** What an id's prefix names: a filter of the list, or the one asset to open. */
const PREFIXES: { prefix: string; filter: FilterName | "asset" }[] = [
  { prefix: "job_", filter: "job_id" },
  { prefix: "bat_", filter: "batch_id" },
  { prefix: "ast_", filter: "asset" },
];

interface FindByIdProps {
  onFilter: (name: FilterName, value: string) => void;
  onOpenAsset: (assetId: string) => void;
}

/**
 * The library's search box. The API lists assets by job, batch and the filters beside this box;
 * it has no full-text search yet, so the box finds by id and says so.
 */
export function FindById({ onFilter, onOpenAsset }: FindByIdProps) {
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const id = text.trim();
    const match = PREFIXES.find(({ prefix }) => id.startsWith(prefix));
    if (!match) {
      setProblem("Paste an id that starts with job_, bat_ or ast_.");
      return;
    }
    setProblem(null);
    setText("");
    if (match.filter === "asset") onOpenAsset(id);
    else onFilter(match.filter, id);
  };
  return (
    <form onSubmit={submit} role="search" aria-label="Find assets">
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <TextInput
          label="Find by job, batch or asset id"
          description="No full-text search yet: paste a job_…, bat_… or ast_… id."
          placeholder="job_…, bat_… or ast_…"
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
          }}
          error={problem}
          style={{ flex: 1 }}
        />
        <Button type="submit" variant="light">
          Find
        </Button>
      </Group>
    </form>
  );
}
