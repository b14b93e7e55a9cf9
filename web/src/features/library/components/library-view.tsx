import type { ReactNode } from "react";

import { Page } from "@/components/ui/page";

import { useOpenAsset } from "../hooks/use-open-asset";
import { AssetDetail } from "./detail/asset-detail";
import { LibraryNav } from "./library-nav";

interface LibraryViewProps {
  title: string;
  intro: string;
  children: (openAsset: (assetId: string) => void) => ReactNode;
}

/** A view of the library (collections, trash, duplicates…): its nav, content, and asset drawer. */
export function LibraryView({ title, intro, children }: LibraryViewProps) {
  const { assetId, openAsset, showDerived } = useOpenAsset();
  return (
    <Page title={title} intro={intro}>
      <LibraryNav />
      {children(openAsset)}
      <AssetDetail assetId={assetId} onOpen={openAsset} onShowDerived={showDerived} />
    </Page>
  );
}
