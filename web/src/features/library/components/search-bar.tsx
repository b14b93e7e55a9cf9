import { Button, Group, Select, Switch, TextInput } from "@mantine/core";
import { type SubmitEvent, useState } from "react";

import { type LibraryParams, SORTS } from "../hooks/use-library-params";

/** What an id's prefix names: a filter of the list, or the one asset to open. */
const PREFIXES = [
  { prefix: "job_", filter: "job_id" },
  { prefix: "bat_", filter: "batch_id" },
  { prefix: "ast_", filter: "asset" },
] as const;

/**
 * The library's search box: words (every one, in prompts, titles, descriptions, tags and
 * captions), or by meaning; a pasted job, batch or asset id finds that instead.
 */
export function SearchBar({ params }: { params: LibraryParams }) {
  const { values, setParams, openAsset } = params;
  const [text, setText] = useState(values.q ?? "");
  const [seen, setSeen] = useState(values.q);
  if (seen !== values.q) {
    // the address changed (back, a link): the box shows what is searched
    setSeen(values.q);
    setText(values.q ?? "");
  }
  const semantic = values.mode === "semantic";
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const words = text.trim();
    const id = PREFIXES.find(({ prefix }) => words.startsWith(prefix) && !/\s/.test(words));
    if (id?.filter === "asset") {
      setText(values.q ?? "");
      openAsset(words);
    } else if (id) {
      setText("");
      setParams(id.filter === "job_id" ? { q: null, job_id: words } : { q: null, batch_id: words });
    } else {
      const relevance = values.sort === "relevance";
      setParams({ q: words || null, sort: !words && relevance ? null : values.sort });
    }
  };
  const sorts = SORTS.filter(
    (sort) => (sort.value !== "relevance" || values.q) && (sort.value !== "position" || values.collection_id),
  );
  return (
    <form onSubmit={submit} role="search" aria-label="Search the library">
      <Group align="flex-end" gap="xs" wrap="wrap">
        <TextInput
          label="Search"
          description="Words in prompts, titles, tags and captions, or a job_…, bat_… or ast_… id"
          placeholder="sunset beach, hero, job_…"
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
          }}
          style={{ flex: "1 1 260px" }}
          type="search"
        />
        <Button type="submit">Search</Button>
        <Switch
          label="By meaning"
          checked={semantic}
          onChange={(event) => {
            setParams({ mode: event.currentTarget.checked ? "semantic" : null });
          }}
          mb={8}
        />
        <Select
          label="Sort"
          data={sorts}
          value={params.query.sort ?? (values.q ? "relevance" : "newest")}
          onChange={(value) => {
            setParams({ sort: value });
          }}
          allowDeselect={false}
          w={150}
        />
      </Group>
    </form>
  );
}
