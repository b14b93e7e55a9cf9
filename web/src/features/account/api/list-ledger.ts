import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api-client";

export type LedgerPage = Schemas["LedgerPublic"];
export type LedgerEntry = Schemas["LedgerEntryPublic"];
export const LEDGER_PAGE = 20;

/** `GET /v1/billing/ledger`: one page of entries, newest first. */
export function listLedger(cursor: string | null): Promise<LedgerPage> {
  return unwrap(api.GET("/v1/billing/ledger", { params: { query: { cursor, limit: LEDGER_PAGE } } }));
}

export const ledgerQuery = (cursor: string | null) =>
  queryOptions({ queryKey: ["account", "ledger", cursor], queryFn: () => listLedger(cursor) });

/** A page of the ledger; the last page stays shown while the next one loads. */
export function useLedger(cursor: string | null) {
  return useQuery({ ...ledgerQuery(cursor), placeholderData: keepPreviousData });
}
