import { useCallback, useMemo, useState } from "react";

export interface Selection {
  ids: ReadonlySet<string>;
  has: (id: string) => boolean;
  toggle: (id: string) => void;
  add: (ids: readonly string[]) => void;
  clear: () => void;
}

/** The assets picked in a grid, for a bulk action. */
export function useSelection(): Selection {
  const [ids, setIds] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback((id: string) => {
    setIds((now) => {
      const next = new Set(now);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const add = useCallback((more: readonly string[]) => {
    setIds((now) => new Set([...now, ...more]));
  }, []);
  const clear = useCallback(() => {
    setIds(new Set());
  }, []);
  return useMemo(() => ({ ids, has: (id: string) => ids.has(id), toggle, add, clear }), [ids, toggle, add, clear]);
}
