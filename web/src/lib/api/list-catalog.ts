import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "../api-client";

export type Provider = Schemas["ProviderPublic"];
export type Template = Schemas["Template"];
export type Style = Schemas["StylePreset"];
export type Platform = Schemas["PlatformPreset"];

/** The platform's catalog changes only with a deploy: cached for the session. */
const CATALOG = { staleTime: Infinity } as const;

export const providersQuery = queryOptions({
  queryKey: ["catalog", "providers"],
  queryFn: () => unwrap(api.GET("/v1/providers")),
  ...CATALOG,
});
export const templatesQuery = queryOptions({
  queryKey: ["catalog", "templates"],
  queryFn: () => unwrap(api.GET("/v1/templates")),
  ...CATALOG,
});
export const stylesQuery = queryOptions({
  queryKey: ["catalog", "styles"],
  queryFn: () => unwrap(api.GET("/v1/styles")),
  ...CATALOG,
});
export const platformsQuery = queryOptions({
  queryKey: ["catalog", "platforms"],
  queryFn: () => unwrap(api.GET("/v1/platforms")),
  ...CATALOG,
});

export const useProviders = () => useQuery(providersQuery);
export const useTemplates = () => useQuery(templatesQuery);
export const useStyles = () => useQuery(stylesQuery);
export const usePlatforms = () => useQuery(platformsQuery);
