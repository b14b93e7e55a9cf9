import type { AssetFilter } from "../../api/search-assets";
import type { RetentionRule } from "../../api/put-library-settings";

/** A retention rule as its form edits it; filter conditions it has no field for are kept. */
export interface RuleDraft {
  name: string;
  days: number;
  kind: string | null;
  quality: string | null;
  tags: string[];
  notFavourite: boolean;
  neverUsed: boolean;
  rest: AssetFilter;
}

export function ruleDraft(rule: RetentionRule): RuleDraft {
  const { kind, quality, tags, favorite, used, ...rest } = rule.filter;
  return {
    name: rule.name,
    days: rule.older_than_days,
    kind: kind?.[0] ?? null,
    quality: quality?.[0] ?? null,
    tags: tags ?? [],
    notFavourite: favorite === false,
    neverUsed: used === false,
    rest: {
      ...rest,
      ...(kind && kind.length > 1 ? { kind } : {}),
      ...(quality && quality.length > 1 ? { quality } : {}),
    },
  };
}

export function newRule(count: number): RuleDraft {
  return {
    name: count ? `Rule ${count + 1}` : "Drafts after 7 days",
    days: 7,
    kind: null,
    quality: count ? null : "draft",
    tags: [],
    notFavourite: true,
    neverUsed: false,
    rest: { trashed: false },
  };
}

export function ruleFilter(draft: RuleDraft): AssetFilter {
  return {
    ...draft.rest,
    trashed: false,
    ...(draft.kind ? { kind: [draft.kind] } : {}),
    ...(draft.quality ? { quality: [draft.quality] } : {}),
    ...(draft.tags.length ? { tags: draft.tags } : {}),
    ...(draft.notFavourite ? { favorite: false } : {}),
    ...(draft.neverUsed ? { used: false } : {}),
  };
}

export function ruleOf(draft: RuleDraft): RetentionRule {
  return { name: draft.name.trim(), filter: ruleFilter(draft), older_than_days: draft.days, action: "trash" };
}
